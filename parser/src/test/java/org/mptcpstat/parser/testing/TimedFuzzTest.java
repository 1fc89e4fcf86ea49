package org.mptcpstat.parser.testing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Jazzer fuzz test whose every input must be done within ten seconds, so that a hang is a
 * finding too. Regression runs (the default) have JUnit enforce it on each committed input, which
 * runs in a thread of its own: a loop that never looks at its interrupt flag then fails the test
 * instead of hanging the build. When fuzzing, Jazzer hands the limit to libFuzzer as its per-input
 * timeout, and the {@code fuzz} profile keeps JUnit from applying it to the whole fuzzing run.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@FuzzTest
public @interface TimedFuzzTest
{
}
