package org.mediasec.msrp.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mediasec.common.Bytes;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;

/**
 * The file sender's side of an RFC 5547 pull (§8.3.2): the peer offered {@code a=recvonly} with an
 * {@code a=file-selector} and an {@code a=file-transfer-id}; this picks the file to answer with.
 *
 * <p>RFC 5547 §8.3.2 rules, each applied here:
 * <ul>
 *   <li>"the SDP answerer MUST first inspect the value of the 'file-transfer-id' attribute. [...] if
 *       the value has been previously used by another file transfer operation within the session,
 *       then the file sender MUST NOT alert the user and MUST NOT start a new transfer of the file"
 *       → {@link Decision.AlreadyTransferred} (answer with the same id, send nothing);</li>
 *   <li>"the file sender applies the file selector, which implies selecting those files that match
 *       one by one with the 'name', 'type', 'size', and 'hash' selectors" → every selector present
 *       must match; a hash whose algorithm we cannot compute does not match (fail closed);</li>
 *   <li>"If the file selector is unable to identify any file, then the answerer MUST reject the MSRP
 *       stream" and "if the file selector points to multiple candidate files [...] If that choice
 *       cannot be done, the answerer SHOULD reject" → {@link Decision.Reject} (port 0);</li>
 *   <li>"The file sender SHOULD add a 'hash' selector in the answer with the locally computed SHA-1
 *       hash over the complete file" → {@link Decision.Send#answerSelector()} carries type and sha-1;</li>
 *   <li>"If the SDP offer contains a 'file-range' attribute and the file sender accepts to send the
 *       range [...] the file sender MUST include a 'file-range' attribute in the SDP answer with the
 *       same range of values. If the file sender does not accept sending that range of octets, it
 *       SHOULD reject the transfer" → a range outside the file is a {@link Decision.Reject}.</li>
 * </ul>
 * One responder per MSRP session (the file-transfer-ids are those "used [...] within the session").
 * Not thread-safe.
 */
public final class FilePullResponder {
    /** What to answer. */
    public sealed interface Decision permits Decision.Send, Decision.AlreadyTransferred, Decision.Reject {
        /**
         * Accept: answer {@code a=sendonly}, {@code a=file-selector:<answerSelector>}, the same
         * {@code a=file-transfer-id} (and {@code a=file-range} when asked), then send {@code file}
         * ({@link FileTransfers#send}) once the session is connected.
         */
        record Send(Path file, FileSelector answerSelector, String fileTransferId, Optional<FileRange> range)
                implements Decision {
        }

        /** The file-transfer-id was used before in this session: answer with it, send nothing. */
        record AlreadyTransferred(String fileTransferId) implements Decision {
        }

        /** Reject the stream (port 0) for {@code reason}. */
        record Reject(String reason) implements Decision {
        }
    }

    private final Map<Path, String> files;
    private final Set<String> usedIds = new HashSet<>();

    /** @param files the files this side offers to be pulled, with their MIME types */
    public FilePullResponder(Map<Path, String> files) {
        this.files = new LinkedHashMap<>(Objects.requireNonNull(files, "files"));
    }

    /** Decides the answer to a pull offer: its file-selector, file-transfer-id and optional file-range. */
    public Decision answer(FileSelector requested, String fileTransferId, Optional<FileRange> range) throws IOException {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(fileTransferId, "fileTransferId");
        Objects.requireNonNull(range, "range");
        if (usedIds.contains(fileTransferId)) {
            return new Decision.AlreadyTransferred(fileTransferId);
        }
        // RFC 5547 §8.2.2: the offerer "MUST include, at least, one of the selectors"
        if (requested.name() == null && requested.type() == null && requested.size() == null
                && requested.hashes().isEmpty()) {
            return new Decision.Reject("file-selector without any selector");
        }
        List<Path> matches = new ArrayList<>();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            if (matches(requested, f.getKey(), f.getValue())) {
                matches.add(f.getKey());
            }
        }
        if (matches.isEmpty()) {
            return new Decision.Reject("no file matches file-selector " + requested.format());
        }
        if (matches.size() > 1) {
            return new Decision.Reject(matches.size() + " files match file-selector " + requested.format());
        }
        Path file = matches.get(0);
        long size = Files.size(file);
        if (range.isPresent()) {
            FileRange r = range.get();
            long stop = r.stop() == null ? size : r.stop();
            if (r.start() > size || stop > size || stop < r.start()) {
                return new Decision.Reject("file-range " + r.format() + " is outside the file (" + size + " octets)");
            }
        }
        usedIds.add(fileTransferId);
        FileSelector answer = new FileSelector(null, files.get(file), null,
                List.of(new FileSelector.Hash("sha-1", Bytes.of(FileTransfers.digest(file, "SHA-1")))));
        return new Decision.Send(file, answer, fileTransferId, range);
    }

    private static boolean matches(FileSelector s, Path file, String type) throws IOException {
        if (s.name() != null && !s.name().equals(FileTransfers.selectorName(file))) {
            return false;
        }
        if (s.type() != null && (type == null || !baseType(s.type()).equals(baseType(type)))) {
            return false;
        }
        if (s.size() != null && s.size() != Files.size(file)) {
            return false;
        }
        for (FileSelector.Hash h : s.hashes()) {
            byte[] actual;
            try {
                actual = FileTransfers.digest(file, h.algorithm());
            } catch (IllegalStateException unsupported) {
                return false;
            }
            if (!Bytes.of(actual).equals(h.value())) {
                return false;
            }
        }
        return true;
    }

    private static String baseType(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
