package io.mailharness.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What the image tests read from an ELF file's headers: whether it is one, and which dynamic loader it names. */
final class ElfFile {
    private static final int PT_INTERP = 3;

    private ElfFile() {}

    /** The program interpreter (PT_INTERP) of a 64-bit little-endian ELF file: its dynamic loader. */
    static String interpreter(Path elf) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(elf.toFile(), "r")) {
            ByteBuffer header = read(file, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
                throw new AssertionError(elf + " is not a 64-bit little-endian ELF file");
            }
            long tableOffset = header.getLong(0x20);
            int entrySize = Short.toUnsignedInt(header.getShort(0x36));
            int count = Short.toUnsignedInt(header.getShort(0x38));
            for (int i = 0; i < count; i++) {
                ByteBuffer programHeader = read(file, tableOffset + (long) i * entrySize, entrySize);
                if (programHeader.getInt(0) == PT_INTERP) {
                    ByteBuffer interpreter = read(file, programHeader.getLong(0x08), (int) programHeader.getLong(0x20));
                    String path = StandardCharsets.US_ASCII.decode(interpreter).toString();
                    return path.substring(0, path.indexOf('\0') < 0 ? path.length() : path.indexOf('\0'));
                }
            }
            throw new AssertionError(elf + " names no program interpreter (a static program?)");
        }
    }

    /** Whether the file is a regular file that starts with the ELF magic number. */
    static boolean is(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) < 64) return false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private static ByteBuffer read(RandomAccessFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.seek(offset);
        file.readFully(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
