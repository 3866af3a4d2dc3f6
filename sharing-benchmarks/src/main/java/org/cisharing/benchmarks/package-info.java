/** Benchmarks and side-by-side harnesses of the library; run on demand, never part of the tests. */
package org.cisharing.benchmarks;
