package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.Text2Pcap;
import org.mediasec.testkit.Tshark;

/**
 * tshark (Wireshark's SIP and SDP dissectors) reads SIP INVITEs carrying SDP that we wrote, with
 * every media-security attribute, and shows each {@code a=} line in {@code sdp.media_attr}
 * exactly as we wrote it, with no malformed frame.
 */
@Tag("interop")
class SdpTsharkInteropTest {
    private static final CertificateFingerprint FP = CertificateFingerprint.of("sha-256", "cert".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    /** An offer with every attribute the project types, built through the typed API. */
    static SessionDescription everyAttributeOffer() {
        MediaDescription msrp = MediaDescription.builder("message", 40855, Proto.TCP_TLS_MSRP, "*")
                .set(SdpAttributes.ACCEPT_TYPES, List.of("message/cpim", "text/plain"))
                .set(SdpAttributes.ACCEPT_WRAPPED_TYPES, List.of("text/plain"))
                .set(SdpAttributes.MAX_SIZE, 1_000_000L)
                .set(SdpAttributes.PATH, List.of("msrps://127.0.0.1:40855/s111271;tcp"))
                .set(SdpAttributes.SETUP, Setup.ACTPASS)
                .set(SdpAttributes.CONNECTION, TcpConnection.NEW)
                .add(SdpAttributes.FINGERPRINT, FP)
                .add(SdpAttributes.FINGERPRINT, CertificateFingerprint.of("sha-384", "cert".getBytes(StandardCharsets.US_ASCII)))
                .set(SdpAttributes.MSRP_CEMA, true)
                .set(SdpAttributes.E2AE, E2aeIndication.REQUESTED)
                .set(SdpAttributes.FILE_SELECTOR, FileSelector.of("report.pdf", "application/pdf", 10_485_760))
                .set(SdpAttributes.FILE_TRANSFER_ID, "vBnG916bdberum2fFEABR1FR3ExZMUrd")
                .set(SdpAttributes.FILE_DISPOSITION, "attachment")
                .set(SdpAttributes.FILE_RANGE, FileRange.parse("1-*"))
                .set(SdpAttributes.LABEL, "10")
                .build();
        MediaDescription bfcp = MediaDescription.builder("application", 40800, Proto.TCP_TLS_BFCP, "*")
                .set(SdpAttributes.SETUP, Setup.ACTIVE)
                .add(SdpAttributes.FINGERPRINT, FP)
                .set(SdpAttributes.FLOORCTRL, List.of(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY))
                .set(SdpAttributes.CONFID, 4321L)
                .set(SdpAttributes.USERID, 1234)
                .set(SdpAttributes.FLOORID, FloorId.of(1, "10"))
                .set(SdpAttributes.BFCPVER, List.of(1, 2))
                .set(SdpAttributes.E2AE, E2aeIndication.REQUESTED)
                .build();
        MediaDescription t38 = T38Parameters.IMS_RECOMMENDED.applyTo(
                        MediaDescription.builder("image", 40038, Proto.UDP_TLS_UDPTL, "t38")
                                .set(SdpAttributes.SETUP, Setup.ACTPASS)
                                .set(SdpAttributes.TLS_ID, new TlsId("abc3de65cddef001be82"))
                                .add(SdpAttributes.FINGERPRINT, FP)
                                .set(SdpAttributes.E2AE, E2aeIndication.APPLIED))
                .build();
        MediaDescription e2e = MediaDescription.builder("message", 40857, Proto.TCP_TLS_MSRP, "*")
                .set(SdpAttributes.PATH, List.of("msrps://127.0.0.1:40857/e2e1;tcp"))
                .set(SdpAttributes.SETUP, Setup.PASSIVE)
                .set(SdpAttributes.KEY_MGMT, KeyMgmt.mikey(Bytes.fromHex("0100000102030405")))
                .build();
        return SessionDescription.builder(Origin.of("2890844526", "2890844527", "127.0.0.1"))
                .sessionName("-")
                .connection(ConnectionData.of("127.0.0.1"))
                .addTiming(Timing.UNBOUNDED)
                .addMedia(msrp).addMedia(bfcp).addMedia(t38).addMedia(e2e)
                .build();
    }

    static byte[] invite(String sdp, int n) {
        byte[] body = sdp.getBytes(StandardCharsets.UTF_8);
        String head = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-mediasec-" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a" + n + "\r\n"
                + "To: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: sdp-interop-" + n + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@127.0.0.1:5060>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** Our media-level a= lines, in order, as tshark prints them (without the "a="). */
    static String mediaAttributes(SessionDescription sdp) {
        List<String> out = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            for (Attribute a : m.attributes()) {
                out.add(a.text());
            }
        }
        return String.join("|", out);
    }

    @Test
    void tsharkShowsEveryAttributeWeWrite() throws IOException {
        String shipped = Files.readString(Path.of("../examples/e2ae-msrp-offer.sdp"), StandardCharsets.UTF_8);
        List<SessionDescription> offers = List.of(everyAttributeOffer(), SdpParser.parse(shipped));

        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            packets.add(invite(SdpWriter.write(offers.get(i)), i));
        }
        Path pcap = Text2Pcap.write(dir, "sdp", Text2Pcap.Transport.UDP, 5060, 5060, packets);

        assertThat(Tshark.malformedFrames(pcap)).as("malformed frames").isEmpty();
        List<String> seen = Tshark.fields(pcap, "sdp", "sdp.media_attr");
        assertThat(seen).hasSize(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            assertThat(seen.get(i)).as("offer %d", i).isEqualTo(mediaAttributes(offers.get(i)));
        }
        List<String> protos = Tshark.fields(pcap, "sdp", "sdp.media.proto");
        assertThat(protos.get(0)).isEqualTo("TCP/TLS/MSRP|TCP/TLS/BFCP|UDP/TLS/UDPTL|TCP/TLS/MSRP");
    }
}
