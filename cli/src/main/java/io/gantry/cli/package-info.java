/** The {@code gantry} command line (picocli). */
package io.gantry.cli;
