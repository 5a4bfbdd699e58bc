package org.mediasec.h248.iq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.H248TextCodec;

/**
 * The H.248 examples of {@code docs/iq-profile.md} (each is our codec's output, checked by the h248
 * module's {@code IqProfileDocTest}), and what the profile readers make of a message.
 */
final class IqDocExamples {
    static final Path DOC = Path.of("../docs/iq-profile.md");
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- iq-example: (\\S+) (pretty|compact) -->\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);
    /** The PSK property names the doc's Mp example uses. */
    static final IqProfile PROFILE = IqProfile.withPsk("xmrfp/psk", "xmrfp/pskid");

    private IqDocExamples() {
    }

    /** Each example message once (by name; the pretty and compact blocks decode to the same model). */
    static Map<String, H248Message> messages() {
        String doc;
        try {
            doc = Files.readString(DOC, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, H248Message> out = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            out.putIfAbsent(m.group(1), H248TextCodec.decode(m.group(3)).orThrow());
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no examples in " + DOC.toAbsolutePath());
        }
        return out;
    }

    /**
     * What the profile readers read from every command of the message, in order: the termination (or
     * only the Remote, mode and events) of an Add/Modify, the Local of a reply, the failure of a
     * Notify; other commands by kind and id only. Case-insensitive for what the readers ignore case of.
     */
    static List<Object> read(H248Message m) {
        IqRequests requests = new IqRequests(PROFILE);
        List<Object> out = new ArrayList<>();
        for (Transaction t : ((TransactionList) m.body()).transactions()) {
            if (t instanceof Transaction.Request r) {
                for (ActionRequest a : r.actions()) {
                    out.add(a.contextId());
                    for (CommandRequest c : a.commands()) {
                        out.add(c.kind() + " " + c.terminationId().text().toLowerCase());
                        if (c.kind() == CommandKind.ADD || c.kind() == CommandKind.MODIFY) {
                            out.add(requests.hasLocal(c) ? requests.termination(c)
                                    : List.of(requests.remote(c), requests.mode(c), requests.events(c)));
                        } else if (c.kind() == CommandKind.NOTIFY) {
                            out.add(IqNotify.read(c));
                        }
                    }
                }
            } else if (t instanceof Transaction.Reply r) {
                for (ActionReply a : r.actions()) {
                    out.add(a.contextId());
                    for (CommandReply c : a.replies()) {
                        out.add(c.kind() + " " + c.terminationId().text().toLowerCase());
                        boolean hasMedia = c.descriptor(org.mediasec.h248.MediaDescriptor.class) != null;
                        out.add(hasMedia ? IqReplies.local(c) : Optional.empty());
                    }
                }
            }
        }
        return out;
    }
}
