package carnot.api.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory a run needs, in named parts, estimated before anything trains.
 *
 * <p>Each part lives either on the Java heap or in native memory (libtorch's tensors, the JVM's
 * own code and metadata), and either for the whole run ({@link #RESIDENT}) or during one phase
 * (a training step, an evaluation pass, one analysis). Phases run one after another, so the
 * peak is the resident parts plus the largest phase:
 * {@code peak = sum(resident) + max over phases p of sum(parts of p)}, for each area and for
 * both together.
 *
 * <p>What to ask for: the Java heap should be {@link #heapToReserve()} (the heap peak with the
 * head room a collector needs to work without thrashing), and a process, e.g. one SLURM task, should
 * request {@link #processBytes()} (the native peak plus that heap). Executors use these as defaults.
 *
 * @param parts the parts, in the order they were added
 */
public record MemoryEstimate(List<Part> parts) {

    /** The phase of parts held for the whole run. */
    public static final String RESIDENT = "resident";

    /** An estimate with no parts. */
    public static final MemoryEstimate NONE = new MemoryEstimate(List.of());

    /**
     * Head room of the heap over its estimated peak, as a fraction: a generational collector needs
     * free space to copy survivors into, and a heap kept at its live set collects all the time.
     */
    public static final double HEAP_HEAD_ROOM = 0.5;

    /** The smallest heap worth reserving (the OSGi framework and its bundles alone need most of it). */
    public static final long MIN_HEAP = 192L << 20;

    /** Where a part lives. */
    public enum Area {
        /** The Java heap (arrays and objects), bounded by {@code -Xmx}. */
        HEAP,
        /** Outside the heap: libtorch's tensors and library, the JVM's code, metadata and thread stacks. */
        NATIVE
    }

    /**
     * One part of the estimate.
     *
     * @param name  what it is, e.g. {@code training data (features)}
     * @param phase {@link #RESIDENT} or the phase during which it is held, e.g. {@code training step}
     * @param area  heap or native
     * @param bytes its size
     */
    public record Part(String name, String phase, Area area, long bytes) {
        /**
         * Checks the size.
         *
         * @throws IllegalArgumentException when {@code bytes} is negative
         */
        public Part {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes: expected >= 0, got " + bytes + " for " + name);
            }
        }
    }

    /** Copies the parts. */
    public MemoryEstimate {
        parts = List.copyOf(parts);
    }

    /** One heap part. */
    public static MemoryEstimate heap(String phase, String name, long bytes) {
        return new MemoryEstimate(List.of(new Part(name, phase, Area.HEAP, bytes)));
    }

    /** One native part. */
    public static MemoryEstimate offHeap(String phase, String name, long bytes) {
        return new MemoryEstimate(List.of(new Part(name, phase, Area.NATIVE, bytes)));
    }

    /** These parts and the other's. */
    public MemoryEstimate plus(MemoryEstimate other) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new MemoryEstimate(all);
    }

    /** The same parts, all moved to {@code phase}: an analysis's parts under the analysis's name. */
    public MemoryEstimate inPhase(String phase) {
        return new MemoryEstimate(parts.stream().map(p -> new Part(p.name(), phase, p.area(), p.bytes())).toList());
    }

    /** The peak of one area: its resident parts plus its largest phase. */
    public long peakBytes(Area area) {
        return peak(area);
    }

    /** The peak of heap and native together: the resident parts plus the largest phase. */
    public long peakBytes() {
        return peak(null);
    }

    private long peak(Area area) {
        Map<String, Long> byPhase = new LinkedHashMap<>();
        for (Part part : parts) {
            if (area == null || part.area() == area) {
                byPhase.merge(part.phase(), part.bytes(), Long::sum);
            }
        }
        long resident = byPhase.getOrDefault(RESIDENT, 0L);
        long largestPhase = byPhase.entrySet().stream().filter(e -> !e.getKey().equals(RESIDENT))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        return resident + largestPhase;
    }

    /** The phase (other than {@link #RESIDENT}) that needs the most memory, or {@link #RESIDENT} when none. */
    public String largestPhase() {
        Map<String, Long> byPhase = new LinkedHashMap<>();
        parts.stream().filter(p -> !p.phase().equals(RESIDENT))
                .forEach(p -> byPhase.merge(p.phase(), p.bytes(), Long::sum));
        return byPhase.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(RESIDENT);
    }

    /** The {@code k} largest parts, largest first. */
    public List<Part> largest(int k) {
        return parts.stream().sorted(Comparator.comparingLong(Part::bytes).reversed()).limit(k).toList();
    }

    /**
     * The Java heap to reserve ({@code -Xmx}): the heap peak plus {@link #HEAP_HEAD_ROOM}, at least {@link #MIN_HEAP}.
     */
    public long heapToReserve() {
        return Math.max(MIN_HEAP, (long) Math.ceil(peakBytes(Area.HEAP) * (1 + HEAP_HEAD_ROOM)));
    }

    /**
     * What one process running this run should request (SLURM's {@code --mem}): the native peak plus the reserved
     * heap.
     */
    public long processBytes() {
        return peakBytes(Area.NATIVE) + heapToReserve();
    }

    /** One line: the peak, its areas, the largest phase and the largest parts. */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "about %s at peak (Java heap %s, native %s; largest phase: %s); request %s per process "
                        + "(CARNOT_HEAP=%dm)", size(peakBytes()), size(peakBytes(Area.HEAP)), size(peakBytes(Area.NATIVE)),
                largestPhase(), size(processBytes()), mebibytes(heapToReserve())));
        List<Part> largest = largest(3);
        if (!largest.isEmpty()) {
            text.append("; largest parts: ");
            for (int i = 0; i < largest.size(); i++) {
                Part part = largest.get(i);
                text.append(i == 0 ? "" : ", ").append(part.name()).append(' ').append(size(part.bytes()));
            }
        }
        return text.toString();
    }

    /** As recorded in a run's provenance: peaks, what to request, and every part. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("summary", summary());
        map.put("peakBytes", peakBytes());
        map.put("heapPeakBytes", peakBytes(Area.HEAP));
        map.put("nativePeakBytes", peakBytes(Area.NATIVE));
        map.put("largestPhase", largestPhase());
        map.put("heapToReserveBytes", heapToReserve());
        map.put("processBytes", processBytes());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Part part : parts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", part.name());
            entry.put("phase", part.phase());
            entry.put("area", part.area().name().toLowerCase(Locale.ROOT));
            entry.put("bytes", part.bytes());
            list.add(entry);
        }
        map.put("parts", list);
        return map;
    }

    /** Bytes in mebibytes (2^20), rounded up: the unit of {@code -Xmx...m} and of SLURM's {@code --mem=...M}. */
    public static long mebibytes(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /** Bytes in decimal units: MB (10^6 bytes) below a gigabyte, else GB (10^9 bytes). */
    public static String size(long bytes) {
        return bytes < 1_000_000_000L ? String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6))
                : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
