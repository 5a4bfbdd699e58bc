package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of style.md §2.1/§2.4 without ArchUnit: the model uses no Netty, the pure codec uses
 * only netty-buffer and never logs; only {@code .netty} touches channels.
 */
class LayeringTest {
    static List<String> imports(String pkgDir) throws IOException {
        Path dir = Path.of("src/main/java/org/mediasec/msrp").resolve(pkgDir);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import ")).map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void modelHasNoNettyAndNoLogging() throws IOException {
        assertThat(imports("")).isNotEmpty().noneMatch(l -> l.contains("io.netty") || l.contains("org.slf4j"));
    }

    @Test
    void codecUsesOnlyNettyBufferAndDoesNotLog() throws IOException {
        assertThat(imports("codec")).isNotEmpty()
                .noneMatch(l -> l.contains("io.netty") && !l.contains("io.netty.buffer."))
                .noneMatch(l -> l.contains("org.slf4j") || l.contains(".netty.Msrp"));
    }
}
