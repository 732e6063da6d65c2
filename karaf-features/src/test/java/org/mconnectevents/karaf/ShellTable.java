package org.mconnectevents.karaf;

import java.util.Arrays;
import java.util.List;

/**
 * Reads the tables that Karaf's shell commands print with {@code --no-format}: one row a line, cells separated
 * by tabs and padded with spaces. Lines that are not rows (a command's heading, blank lines) have no tab.
 */
final class ShellTable {

    private ShellTable() {
    }

    /** The rows of a command's output, each a list of its trimmed cells. */
    static List<List<String>> rows(String output) {
        return output.lines()
                .filter(line -> line.contains("\t"))
                .map(line -> Arrays.stream(line.split("\t", -1)).map(String::trim).toList())
                .toList();
    }
}
