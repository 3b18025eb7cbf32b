package bank.ushield.idverification.document;

import java.io.PrintStream;

/**
 * Prints what the region tables cost at first use (time and retained heap; figures, not assertions): the 2002+
 * table that every check reads, then the 1980-2001 lists that only an unlisted code loads. Run in a fresh JVM:
 * {@code java -cp id-verification/target/classes:id-verification/target/test-classes:<deps>
 * bank.ushield.idverification.document.RegionCodesBench}
 */
public final class RegionCodesBench {

    private RegionCodesBench() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        RegionCodes codes = RegionCodes.shipped();
        int current = codes.all().size();
        long t1 = System.nanoTime();
        long heap1 = usedHeap();
        int old = codes.onlyBefore2002().size(); // loads the 1980-2001 lists
        long t2 = System.nanoTime();
        long heap2 = usedHeap();
        out.printf("2002+ table, %d codes: first load %.1f ms, about %d KiB retained%n", current, (t1 - t0) / 1e6,
                (heap1 - heap0) / 1024);
        out.printf("1980-2001 lists, %d codes only there: first load %.1f ms, about %d KiB retained%n", old,
                (t2 - t1) / 1e6, (heap2 - heap1) / 1024);
        long t3 = System.nanoTime();
        int n = 0;
        for (int i = 0; i < 1_000_000; i++) {
            n += codes.find(i % 2 == 0 ? "440524" : "110105").isPresent() ? 1 : 0;
        }
        out.printf("lookups after load: %.0f ns each (%d found)%n", (System.nanoTime() - t3) / 1e6, n);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
