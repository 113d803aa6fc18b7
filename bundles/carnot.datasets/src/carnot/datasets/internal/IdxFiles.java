package carnot.datasets.internal;

import carnot.api.datasets.DatasetException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of LeCun's MNIST distribution (also used by Fashion-MNIST): a big-endian
 * header {@code 0x00 0x00 type ndim}, then {@code ndim} 32-bit dimension sizes, then the data.
 * Carnot reads unsigned-byte files (type 0x08): images (ndim 3) and labels (ndim 1). Files may
 * be gzip-compressed ({@code .gz}), as Debian's dataset-fashion-mnist ships them.
 */
public final class IdxFiles {

    /** IDX element type code of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxFiles() {
    }

    /** An IDX unsigned-byte tensor: its dimensions and its values (0-255) in row-major order. */
    public record IdxTensor(int[] dimensions, byte[] values) {
        public int count() {
            return dimensions[0];
        }
    }

    /**
     * Finds {@code base} or {@code base.gz} in {@code folder}.
     *
     * @throws DatasetException naming the folder and both file names when neither exists
     */
    public static Path locate(Path folder, String base) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("dataset folder " + folder + " does not exist or is not a folder"
                    + (folder.toString().startsWith("/usr/share/datasets/fashion-mnist")
                            ? " (install Debian's dataset-fashion-mnist: releng/setup.sh does)" : ""));
        }
        for (String name : new String[] {base, base + ".gz"}) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new DatasetException("dataset folder " + folder + " has neither " + base + " nor " + base + ".gz");
    }

    /**
     * Reads an unsigned-byte IDX file with the expected number of dimensions.
     *
     * @param limit read at most this many entries along the first axis (the rest of the file is
     *              not read); {@code Integer.MAX_VALUE} for all
     * @throws DatasetException naming the file when the magic number, type, rank or length is wrong
     */
    public static IdxTensor read(Path file, int expectedRank, int limit) throws DatasetException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(decompress(raw, file), 1 << 16))) {
            int[] dims = header(in, file, expectedRank);
            long entrySize = entrySize(dims);
            int count = Math.min(dims[0], limit);
            long total = entrySize * count;
            if (total > Integer.MAX_VALUE - 16) {
                throw new DatasetException(file + ": IDX tensor of " + total + " values is too large");
            }
            byte[] values = new byte[(int) total];
            int read = in.readNBytes(values, 0, values.length);
            if (read < values.length) {
                throw truncated(file, dims, read / entrySize, read + " of " + values.length + " bytes read");
            }
            if (gzipped(file)) {
                // GZIP checks its CRC-32 and length only at the end of the stream: read the rest (also
                // past the entries asked for), so a corrupt archive is an error, never silent garbage.
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            dims[0] = count;
            return new IdxTensor(dims, values);
        } catch (java.util.zip.ZipException e) {
            throw corrupt(file, e);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * The dimensions of an unsigned-byte IDX file, checked without reading its data: the header as
     * {@link #read} checks it, and the file's length against what the header promises (for a gzip
     * file, the uncompressed length its trailer records, modulo 2^32 as RFC 1952's ISIZE). A
     * truncated file is refused here; a gzip file whose data is corrupt but whose length is right is
     * found only when it is read.
     *
     * @throws DatasetException naming the file as {@link #read} would
     */
    public static int[] dimensions(Path file, int expectedRank) throws DatasetException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(decompress(raw, file), 512))) {
            int[] dims = header(in, file, expectedRank);
            long entrySize = entrySize(dims);
            long headerBytes = 4L + 4L * dims.length;
            long expected = headerBytes + entrySize * dims[0];
            if (gzipped(file)) {
                long size = Files.size(file);
                if (size >= 18) {
                    long recorded = trailerLength(file, size);
                    if (recorded != (expected & 0xFFFFFFFFL)) {
                        // Cut short or damaged: the trailer's bytes are then whatever the cut left there.
                        throw new DatasetException(file + ": truncated gzip stream (its trailer records " + recorded
                                + " uncompressed bytes, the IDX header promises " + expected + ")");
                    }
                }
            } else {
                long size = Files.size(file);
                if (size < expected) {
                    long read = Math.max(0, size - headerBytes);
                    // worded as read() words it: the same file gives the same message either way
                    throw truncated(file, dims, read / entrySize, read + " of " + (expected - headerBytes)
                            + " bytes read");
                }
            }
            return dims;
        } catch (java.util.zip.ZipException e) {
            throw corrupt(file, e);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    /** The magic number, type, rank and dimensions at the start of an IDX stream. */
    private static int[] header(DataInputStream in, Path file, int expectedRank) throws IOException,
            DatasetException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated IDX file: shorter than its 4-byte header");
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0) {
            throw new DatasetException(file + ": not an IDX file (magic number 0x"
                    + Integer.toHexString(magic) + "; IDX files start with two zero bytes)");
        }
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(file + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported; Carnot reads unsigned-byte (0x08) files");
        }
        if (rank != expectedRank) {
            throw new DatasetException(file + ": IDX file has " + rank + " dimensions, expected " + expectedRank
                    + (expectedRank == 3 ? " (images)" : " (labels)"));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new DatasetException(file + ": truncated IDX file: header ends before dimension " + (i + 1));
            }
            if (dims[i] <= 0) {
                throw new DatasetException(file + ": IDX dimension " + (i + 1) + " is " + dims[i]);
            }
        }
        return dims;
    }

    private static long entrySize(int[] dims) {
        long entrySize = 1;
        for (int i = 1; i < dims.length; i++) {
            entrySize *= dims[i];
        }
        return entrySize;
    }

    private static DatasetException truncated(Path file, int[] dims, long entries, String detail) {
        return new DatasetException(file + ": truncated IDX file: header promises " + dims[0] + " entries of "
                + entrySize(dims) + " bytes, but the data ends after " + entries + " entries (" + detail + ")");
    }

    private static DatasetException corrupt(Path file, java.util.zip.ZipException e) {
        return new DatasetException(file + ": corrupt gzip data (" + e.getMessage() + "); the archive is damaged: "
                + "restore or download it again", e);
    }

    /** RFC 1952's ISIZE: the last four bytes of a gzip file, little-endian. */
    private static long trailerLength(Path file, long size) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.position(size - 4);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // reads the four bytes
            }
            return trailer.flip().remaining() == 4 ? trailer.getInt() & 0xFFFFFFFFL : -1;
        }
    }

    private static boolean gzipped(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static InputStream decompress(InputStream raw, Path file) throws IOException {
        return gzipped(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
