/**
 * JMH micro-benchmarks of Gantry's hot paths. Not run by the build: package with
 * {@code ./mvnw -pl benchmarks -am package} and run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package io.gantry.benchmarks;
