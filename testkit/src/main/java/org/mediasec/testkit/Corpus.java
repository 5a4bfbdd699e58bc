package org.mediasec.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads test corpus files from {@code src/test/resources/corpus/<proto>/<source>/<case>.<ext>}
 * byte-exact (the corpus is marked {@code -text} in .gitattributes, so CRLFs survive git).
 */
public final class Corpus {
    private Corpus() {
    }

    public static byte[] bytes(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under a corpus folder (e.g. {@code corpus/sdp}), recursively, sorted by path. */
    public static List<Path> files(Class<?> anchor, String folder) {
        URL url = anchor.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("no corpus folder " + folder);
        }
        try (Stream<Path> s = Files.walk(Path.of(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
