package org.mediasec.cli.ue;

import java.io.PrintWriter;

import org.mediasec.ue.FileProgressListener;

/**
 * A one-line progress bar for a file being sent, redrawn with {@code \r} on stderr at each whole
 * percent: {@code notes.pdf [##########          ]  50%  2.5/5.0 MB}.
 */
final class ProgressBar implements FileProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String name;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    @Override
    public synchronized void progress(long done, long total) {
        int percent = total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        err.print("\r" + render(name, done, total));
        if (percent == 100) {
            err.println();
        }
        err.flush();
    }

    static String render(String name, long done, long total) {
        int percent = total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        return String.format(java.util.Locale.ROOT, "%s [%s%s] %3d%%  %.1f/%.1f MB", name, "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, done / 1e6, total / 1e6);
    }
}
