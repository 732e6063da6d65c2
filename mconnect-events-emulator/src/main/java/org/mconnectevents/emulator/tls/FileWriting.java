package org.mconnectevents.emulator.tls;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all.
 *
 * <p>A run killed half-way through minting must not leave a truncated key store behind: the next run
 * would refuse it, whereas a missing file is simply minted again.
 */
final class FileWriting {

    private FileWriting() {
    }

    static void writeAtomically(Path file, byte[] content) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            moveReplacing(temporary, file);
        } catch (IOException e) {
            throw new EmulatorCertificatesException("cannot write " + file + ": " + e
                    + "; check that the folder is writable", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void moveReplacing(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (network shares, some container volumes) cannot rename atomically;
            // a plain replacing move is still better than failing to start.
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // Deliberately ignored: the move already succeeded or the write already failed and is being
            // reported; a leftover .tmp file is harmless and overwritten by the next write.
        }
    }
}
