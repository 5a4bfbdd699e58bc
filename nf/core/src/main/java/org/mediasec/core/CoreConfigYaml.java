package org.mediasec.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@link CoreConfig} from YAML: every key is optional and falls back to
 * {@link CoreConfig#defaults()}; an unknown key is an error that names it (a typo must not pass
 * silently); a bad value is an error with the record's own message.
 */
public final class CoreConfigYaml {
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder(new YAMLFactory())
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();
    /** Keys whose value is a mapping merged key by key over its default (unknown keys named too). */
    private static final Set<String> NESTED = Set.of("tls");

    private CoreConfigYaml() {
    }

    public static CoreConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static CoreConfig parse(String yaml) throws IOException {
        JsonNode given = yaml.isBlank() ? null : MAPPER.readTree(yaml);
        if (given == null || given.isNull() || given.isMissingNode()) {
            return CoreConfig.defaults();
        }
        if (!given.isObject()) {
            throw new IllegalArgumentException("expected a mapping of keys to values, got " + given.getNodeType());
        }
        ObjectNode merged = MAPPER.valueToTree(CoreConfig.defaults());
        merge(merged, given, "");
        try {
            return MAPPER.treeToValue(merged, CoreConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static void merge(ObjectNode defaults, JsonNode given, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!defaults.has(e.getKey())) {
                throw new IllegalArgumentException("unknown key \"" + prefix + e.getKey() + "\" (known: "
                        + String.join(", ", (Iterable<String>) defaults::fieldNames) + ")");
            }
            if (prefix.isEmpty() && NESTED.contains(e.getKey()) && e.getValue().isObject()) {
                merge((ObjectNode) defaults.get(e.getKey()), e.getValue(), e.getKey() + ".");
            } else {
                defaults.set(e.getKey(), e.getValue());
            }
        }
    }

    /** The commented default file ({@code mediasec core --print-default-config}); it parses to the defaults. */
    public static String defaultYaml() {
        try (InputStream in = CoreConfigYaml.class.getResourceAsStream("core-default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("core-default.yaml missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
