package org.mediasec.ue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@link UeConfig} from YAML: every key is optional and falls back to
 * {@link UeConfig#defaults(String)} (user {@value #DEFAULT_USER}); an unknown key is an error that names it (a typo must not pass
 * silently); a bad value is an error with the record's own message.
 */
public final class UeConfigYaml {
    /** The user of the defaults when a file names none. */
    public static final String DEFAULT_USER = "alice";
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private UeConfigYaml() {
    }

    public static UeConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static UeConfig parse(String yaml) throws IOException {
        JsonNode given = yaml.isBlank() ? null : MAPPER.readTree(yaml);
        if (given == null || given.isNull() || given.isMissingNode()) {
            return UeConfig.defaults(DEFAULT_USER);
        }
        if (!given.isObject()) {
            throw new IllegalArgumentException("expected a mapping of keys to values, got " + given.getNodeType());
        }
        ObjectNode merged = MAPPER.valueToTree(UeConfig.defaults(DEFAULT_USER));
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            if (!merged.has(e.getKey())) {
                throw new IllegalArgumentException("unknown key \"" + e.getKey() + "\" (known: "
                        + String.join(", ", (Iterable<String>) merged::fieldNames) + ")");
            }
            merged.set(e.getKey(), e.getValue());
        }
        try {
            return MAPPER.treeToValue(merged, UeConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The commented default file ({@code mediasec ue --print-default-config}); it parses to the defaults. */
    public static String defaultYaml() {
        try (InputStream in = UeConfigYaml.class.getResourceAsStream("ue-default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("ue-default.yaml missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
