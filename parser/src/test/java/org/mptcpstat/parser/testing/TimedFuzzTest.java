package org.mptcpstat.parser.testing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Jazzer fuzz test whose every input must be done within ten seconds, so that a hang is a
 * finding too. Regression runs (the default) have JUnit enforce it on each committed input; when
 * fuzzing, Jazzer hands it to libFuzzer as its per-input timeout, and the {@code fuzz} profile
 * keeps JUnit from applying it to the whole fuzzing run as well.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Timeout(10)
@FuzzTest
public @interface TimedFuzzTest
{
}
