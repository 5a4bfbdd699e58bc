package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;

class SdpAttributesTest {
    private static MediaDescription media(String... attributeLines) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=message 7 TCP/TLS/MSRP *\r\n");
        for (String a : attributeLines) {
            sb.append(a).append("\r\n");
        }
        return SdpParser.parse(sb.toString()).media().get(0);
    }

    @Test
    void fingerprintSeveralPerLevelCaseInsensitiveUpperHexOut() {
        MediaDescription m = media(
                "a=fingerprint:SHA-256 4a:ad:b9:b1:3f:82:18:3b:54:02:12:df:3e:5d:49:6b:19:e5:7c:ab:4a:ad:b9:b1:3f:82:18:3b:54:02:12:df",
                "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        List<CertificateFingerprint> fps = m.getAll(SdpAttributes.FINGERPRINT);
        assertThat(fps).hasSize(2);
        assertThat(fps.get(0).hashFunction()).isEqualTo("sha-256");
        assertThat(fps.get(0).digest().size()).isEqualTo(32);
        assertThat(fps.get(1).hashFunction()).isEqualTo(CertificateFingerprint.SHA_1);
        assertThat(SdpAttributes.FINGERPRINT.toAttribute(fps.get(0)).line())
                .isEqualTo("a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF");
        // the generic attribute keeps the original lower-case text
        assertThat(m.attributes("fingerprint").get(0).value()).startsWith("SHA-256 4a:ad");
    }

    @Test
    void fingerprintFallsBackToSessionLevel() {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n"
                + "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r\n"
                + "m=message 7 TCP/TLS/MSRP *\r\n");
        assertThat(sdp.getAll(sdp.media().get(0), SdpAttributes.FINGERPRINT)).hasSize(1);
        assertThat(sdp.get(sdp.media().get(0), SdpAttributes.SETUP)).isEmpty();
    }

    @Test
    void malformedTypedReadLeavesGenericIntact() {
        String text = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=message 7 TCP/TLS/MSRP *\r\na=setup:sideways\r\n";
        SessionDescription sdp = SdpParser.parse(text);
        assertThatThrownBy(() -> sdp.media().get(0).get(SdpAttributes.SETUP))
                .isInstanceOfSatisfying(SdpAttributeException.class, e -> {
                    assertThat(e.attributeName()).isEqualTo("setup");
                    assertThat(e.value()).isEqualTo("sideways");
                    assertThat(e.getMessage()).isEqualTo(
                            "a=setup:sideways: unknown setup value \"sideways\" (expected: active, passive, actpass, holdconn)");
                });
        assertThat(SdpWriter.write(sdp)).isEqualTo(text);
    }

    @ParameterizedTest(name = "a={0}")
    @CsvSource(delimiter = '|', value = {
            "fingerprint:sha-256                         | fingerprint",
            "fingerprint:sha-256 4A:AD:B                 | malformed hex",
            "fingerprint:sha-256 4A-AD                   | malformed hex",
            "fingerprint:sha 256 4A:AD                   | malformed hex",
            "fingerprint                                 | missing value",
            "setup                                       | unknown setup value (none)",
            "setup:activ                                 | unknown setup value",
            "connection:old                              | expected: new, existing",
            "tls-id:short                                | length 5",
            "tls-id:abcdefghijklmnopqrst!                | bad character '!'",
            "3ge2ae                                      | missing value",
            "3ge2ae:req uested                           | not a token",
            "path:http://x                               | not an MSRP URI",
            "path:msrp://a/b;tcp  msrp://c/d;tcp         | empty entry",
            "path:msrps://                               | no authority",
            "accept-types:text                           | expected: *, type/subtype or type/*",
            "accept-types:text/plain /html               | expected: *, type/subtype or type/*",
            "accept-wrapped-types:*/plain                | expected: *, type/subtype or type/*",
            "max-size:-1                                 | not an unsigned decimal",
            "max-size:12a                                | not an unsigned decimal",
            "msrp-cema:yes                               | property attribute takes no value",
            "file-selector:name:noquotes                 | double quotes",
            "file-selector:name:\"unterminated           | unterminated",
            "file-selector:size:big                      | not an unsigned decimal",
            "file-selector:hash:sha-1                    | expected: <algorithm>:<hex:hex...>",
            "file-selector:hash:sha-1:GG:00              | malformed hex",
            "file-selector:color:red                     | unknown selector",
            "file-selector:type:image                    | expected: type/subtype",
            "file-selector:size:1  type:a/b              | separated by one space",
            "file-selector:size:1 size:2                 | second size",
            "file-transfer-id                            | missing value",
            "file-transfer-id:a b                        | not a token",
            "file-disposition:                           | missing value",
            "file-date:creation:Mon                      | double quotes",
            "file-date:birth:\"Mon, 1 Jan 2024\"         | unknown parameter",
            "file-date:creation:\"a\" creation:\"b\"     | second creation",
            "file-icon:http://x/icon.png                 | expected: cid:<content-id>",
            "file-range:5                                | expected <start>-",
            "file-range:0-10                             | start 0",
            "file-range:10-5                             | before start",
            "file-range:1-x                              | stop",
            "floorctrl:c-only x-only                     | unknown floorctrl role",
            "floorctrl                                   | missing value",
            "confid:abc                                  | not an unsigned decimal",
            "confid:4294967296                           | expected: 0..4294967295",
            "userid:65536                                | expected: 0..65535",
            "floorid:1 stream:10                         | expected \"mstrm:\"",
            "floorid:x mstrm:10                          | floor id",
            "floorid:1 mstrm:                            | empty stream label",
            "bfcpver:1 two                               | not an unsigned decimal",
            "label:a b                                   | not a token",
            "key-mgmt:mikey                              | expected \"<prtcl-id> <base64 data>\"",
            "key-mgmt:mikey AQ*D                         | not base64",
            "key-mgmt:mikey AQI                          | multiple of 4",
            "T38FaxVersion:two                           | not an unsigned decimal",
            "T38FaxVersion:256                           | expected: 0..255",
            "T38FaxFillBitRemoval:yes                    | expected no value, 0 or 1",
            "T38FaxRateManagement:remoteTCF              | expected: localTCF, transferredTCF",
            "T38FaxUdpEC:t38UDPMagic                     | expected: t38UDPFEC, t38UDPRedundancy",
            "T38FaxUdpECDepth:2 1                        | below minred",
            "T38FaxUdpECDepth:1 2 3                      | expected <minred> [<maxred>]",
            "T38FaxMaxDatagram:                          | missing value",
            "T38ModemType:a b                            | not a token",
            "T38VendorInfo                               | missing value",
    })
    void badValuesGiveClearErrors(String attribute, String reason) {
        MediaDescription m = media("a=" + attribute);
        Attribute a = m.attributes().get(0);
        AttributeType<?> type = TYPES.stream().filter(t -> a.hasName(t.name())).findFirst().orElseThrow();
        assertThatThrownBy(() -> type.read(a))
                .isInstanceOfSatisfying(SdpAttributeException.class, e -> {
                    assertThat(e.attributeName()).isEqualTo(type.name());
                    assertThat(e.getMessage()).startsWith("a=" + a.name()).contains(reason);
                });
    }

    static final List<AttributeType<?>> TYPES = List.of(SdpAttributes.FINGERPRINT, SdpAttributes.SETUP,
            SdpAttributes.CONNECTION, SdpAttributes.TLS_ID, SdpAttributes.E2AE, SdpAttributes.PATH,
            SdpAttributes.ACCEPT_TYPES, SdpAttributes.ACCEPT_WRAPPED_TYPES, SdpAttributes.MAX_SIZE, SdpAttributes.MSRP_CEMA,
            SdpAttributes.FILE_SELECTOR, SdpAttributes.FILE_TRANSFER_ID, SdpAttributes.FILE_DISPOSITION,
            SdpAttributes.FILE_DATE, SdpAttributes.FILE_ICON, SdpAttributes.FILE_RANGE, SdpAttributes.FLOORCTRL,
            SdpAttributes.CONFID, SdpAttributes.USERID, SdpAttributes.FLOORID, SdpAttributes.BFCPVER, SdpAttributes.LABEL,
            SdpAttributes.KEY_MGMT, SdpAttributes.T38_FAX_VERSION, SdpAttributes.T38_MAX_BIT_RATE,
            SdpAttributes.T38_FAX_FILL_BIT_REMOVAL, SdpAttributes.T38_FAX_TRANSCODING_MMR,
            SdpAttributes.T38_FAX_TRANSCODING_JBIG, SdpAttributes.T38_FAX_RATE_MANAGEMENT, SdpAttributes.T38_FAX_MAX_BUFFER,
            SdpAttributes.T38_FAX_MAX_DATAGRAM, SdpAttributes.T38_FAX_MAX_IFP, SdpAttributes.T38_FAX_UDP_EC,
            SdpAttributes.T38_FAX_UDP_EC_DEPTH, SdpAttributes.T38_FAX_UDP_FEC_MAX_SPAN, SdpAttributes.T38_MODEM_TYPE,
            SdpAttributes.T38_VENDOR_INFO);

    @Test
    void setupAndConnection() {
        for (Setup s : Setup.values()) {
            assertThat(media("a=setup:" + s.token().toUpperCase()).get(SdpAttributes.SETUP)).contains(s);
            assertThat(SdpAttributes.SETUP.toAttribute(s).line()).isEqualTo("a=setup:" + s.token());
        }
        assertThat(media("a=connection:new").get(SdpAttributes.CONNECTION)).contains(TcpConnection.NEW);
        assertThat(media("a=connection:existing").get(SdpAttributes.CONNECTION)).contains(TcpConnection.EXISTING);
    }

    @Test
    void tlsIdAndE2ae() {
        assertThat(media("a=tls-id:abc3de65cddef001be82").get(SdpAttributes.TLS_ID))
                .contains(new TlsId("abc3de65cddef001be82"));
        TlsId random = TlsId.random(new java.util.SplittableRandom(1));
        assertThat(new TlsId(random.value())).isEqualTo(random);
        assertThat(media("a=3ge2ae:requested").get(SdpAttributes.E2AE)).containsSame(E2aeIndication.REQUESTED);
        assertThat(media("a=3ge2ae:Applied").get(SdpAttributes.E2AE)).containsSame(E2aeIndication.APPLIED);
        E2aeIndication unknown = media("a=3ge2ae:future-token").get(SdpAttributes.E2AE).orElseThrow();
        assertThat(unknown.token()).isEqualTo("future-token");
        assertThat(unknown.isKnown()).isFalse();
    }

    @Test
    void msrpAttributes() {
        MediaDescription m = media(
                "a=path:msrp://relay.example.net:2855/rel1;tcp msrps://alice.example.com:7394/2s93i9ek2a;tcp",
                "a=accept-types:message/cpim text/plain application/*",
                "a=accept-wrapped-types:*",
                "a=max-size:15728640",
                "a=msrp-cema");
        assertThat(m.get(SdpAttributes.PATH).orElseThrow()).containsExactly(
                "msrp://relay.example.net:2855/rel1;tcp", "msrps://alice.example.com:7394/2s93i9ek2a;tcp");
        assertThat(m.get(SdpAttributes.ACCEPT_TYPES).orElseThrow()).containsExactly("message/cpim", "text/plain", "application/*");
        assertThat(m.get(SdpAttributes.ACCEPT_WRAPPED_TYPES).orElseThrow()).containsExactly("*");
        assertThat(m.get(SdpAttributes.MAX_SIZE)).contains(15728640L);
        assertThat(m.get(SdpAttributes.MSRP_CEMA)).contains(true);
        assertThat(m.has(SdpAttributes.MSRP_CEMA)).isTrue();
        MediaDescription built = m.toBuilder().remove(SdpAttributes.MSRP_CEMA)
                .set(SdpAttributes.PATH, List.of("msrp://b.example.com:1/x;tcp")).build();
        assertThat(built.has(SdpAttributes.MSRP_CEMA)).isFalse();
        assertThat(built.attribute("path").orElseThrow().value()).isEqualTo("msrp://b.example.com:1/x;tcp");
        assertThatThrownBy(() -> SdpAttributes.MSRP_CEMA.toAttribute(false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SdpAttributes.MSRP_CEMA.toAttribute(true)).isEqualTo(Attribute.flag("msrp-cema"));
    }

    @Test
    void formatListParametersAndQuotedValues() {
        MediaDescription m = media("a=accept-types:text/plain;charset=utf-8 message/cpim application/x;name=\"a b\" *");
        assertThat(m.get(SdpAttributes.ACCEPT_TYPES).orElseThrow())
                .containsExactly("text/plain;charset=utf-8", "message/cpim", "application/x;name=\"a b\"", "*");
        assertThatThrownBy(() -> media("a=accept-types:text/plain;charset").get(SdpAttributes.ACCEPT_TYPES))
                .isInstanceOf(SdpAttributeException.class);
        assertThatThrownBy(() -> media("a=accept-types:text/plain;x=\"open").get(SdpAttributes.ACCEPT_TYPES))
                .hasMessageContaining("unterminated");
        FileSelector fs = FileSelector.parse("type:text/plain;charset=\"utf 8\" size:10");
        assertThat(fs.type()).isEqualTo("text/plain;charset=\"utf 8\"");
        assertThat(fs.size()).isEqualTo(10L);
        assertThatThrownBy(() -> FileSelector.parse("type:text/plain;charset=utf8")).hasMessageContaining("double quotes");
    }

    @Test
    void fingerprintToleratesOneSpaceAfterColonAsInRfc7345() {
        CertificateFingerprint fp = media("a=fingerprint: SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB")
                .get(SdpAttributes.FINGERPRINT).orElseThrow();
        assertThat(fp.hashFunction()).isEqualTo("sha-1");
        assertThat(FloorControlRole.offered(List.of(FloorControlRole.C_S)))
                .containsExactlyInAnyOrder(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY);
        assertThat(FloorControlRole.C_ONLY.opposite()).isEqualTo(FloorControlRole.S_ONLY);
    }

    @Test
    void fileTransferAttributes() {
        MediaDescription m = media(
                "a=file-selector:name:\"My cool picture.jpg\" type:image/jpeg size:32349 hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E",
                "a=file-transfer-id:vBnG916bdberum2fFEABR1FR3ExZMUrd",
                "a=file-disposition:attachment",
                "a=file-date:creation:\"Mon, 15 May 2006 15:01:31 +0300\" read:\"Tue, 16 May 2006 10:00:00 +0300\"",
                "a=file-icon:cid:id2@alicepc.example.com",
                "a=file-range:1-*");
        FileSelector fs = m.get(SdpAttributes.FILE_SELECTOR).orElseThrow();
        assertThat(fs.name()).isEqualTo("My cool picture.jpg");
        assertThat(fs.type()).isEqualTo("image/jpeg");
        assertThat(fs.size()).isEqualTo(32349L);
        assertThat(fs.sha1().orElseThrow().value()).isEqualTo(Bytes.fromHex("72245FE8653DDAF371362F86D471913EE4A2CE2E"));
        assertThat(fs.format()).isEqualTo(m.attribute("file-selector").orElseThrow().value());
        assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("vBnG916bdberum2fFEABR1FR3ExZMUrd");
        assertThat(m.get(SdpAttributes.FILE_DISPOSITION)).contains("attachment");
        FileDate date = m.get(SdpAttributes.FILE_DATE).orElseThrow();
        assertThat(date).isEqualTo(new FileDate("Mon, 15 May 2006 15:01:31 +0300", null, "Tue, 16 May 2006 10:00:00 +0300"));
        assertThat(m.get(SdpAttributes.FILE_ICON)).contains("cid:id2@alicepc.example.com");
        assertThat(m.get(SdpAttributes.FILE_RANGE)).contains(new FileRange(1, null));
        assertThat(FileRange.parse("10-20").format()).isEqualTo("10-20");
        // hash output is upper case even when read lower case
        assertThat(FileSelector.parse("hash:SHA-1:ab:cd").format()).isEqualTo("hash:sha-1:AB:CD");
        assertThat(FileSelector.parse(null).format()).isNull();
        assertThat(SdpAttributes.FILE_SELECTOR.toAttribute(FileSelector.of("a b.txt", "text/plain", 3)).line())
                .isEqualTo("a=file-selector:name:\"a b.txt\" type:text/plain size:3");
        assertThatThrownBy(() -> FileSelector.of("bad\"name", null, 1)).hasMessageContaining("percent-encoded");
    }

    @Test
    void bfcpAttributes() {
        MediaDescription m = media("a=floorctrl:c-only s-only", "a=confid:4321", "a=userid:1234",
                "a=floorid:1 mstrm:10 11", "a=floorid:2 m-stream:12", "a=bfcpver:2 1", "a=label:10");
        assertThat(m.get(SdpAttributes.FLOORCTRL).orElseThrow()).containsExactly(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY);
        assertThat(m.get(SdpAttributes.CONFID)).contains(4321L);
        assertThat(m.get(SdpAttributes.USERID)).contains(1234);
        assertThat(m.getAll(SdpAttributes.FLOORID)).containsExactly(FloorId.of(1, "10", "11"), FloorId.of(2, "12"));
        assertThat(SdpAttributes.FLOORID.toAttribute(FloorId.of(2, "12")).line()).isEqualTo("a=floorid:2 mstrm:12");
        assertThat(SdpAttributes.FLOORID.toAttribute(FloorId.of(3)).line()).isEqualTo("a=floorid:3");
        assertThat(m.get(SdpAttributes.BFCPVER).orElseThrow()).containsExactly(2, 1);
        assertThat(m.get(SdpAttributes.LABEL)).contains("10");
        assertThat(SdpAttributes.FLOORCTRL.toAttribute(List.of(FloorControlRole.C_S)).line()).isEqualTo("a=floorctrl:c-s");
    }

    @Test
    void keyMgmt() {
        KeyMgmt k = media("a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO5m").get(SdpAttributes.KEY_MGMT).orElseThrow();
        assertThat(k.protocolId()).isEqualTo("mikey");
        assertThat(k.decoded().get(0)).isEqualTo((byte) 1);
        assertThat(KeyMgmt.mikey(Bytes.of((byte) 1, (byte) 2, (byte) 3)).format()).isEqualTo("mikey AQID");
        assertThat(KeyMgmt.parse(" mikey AQID").protocolId()).isEqualTo("mikey");
    }

    @Test
    void t38AttributesAndImsPreset() {
        MediaDescription m = media("a=T38FaxVersion:2", "a=T38MaxBitRate:14400", "a=T38FaxFillBitRemoval:0",
                "a=t38faxtranscodingmmr", "a=T38FaxRateManagement:transferredTCF", "a=T38FaxMaxBuffer:1800",
                "a=T38FaxMaxDatagram:150", "a=T38FaxUdpEC:t38UDPRedundancy", "a=T38FaxUdpECDepth:1 2",
                "a=T38FaxUdpFECMaxSpan:3", "a=T38FaxMaxIFP:40", "a=T38ModemType:t38G3FaxOnly",
                "a=T38VendorInfo:0 0 0");
        T38Parameters p = T38Parameters.from(m);
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.maxBitRate()).isEqualTo(14400);
        assertThat(p.fillBitRemoval()).isFalse();
        assertThat(p.transcodingMmr()).isTrue();
        assertThat(p.transcodingJbig()).isFalse();
        assertThat(p.rateManagement()).isSameAs(T38Token.TRANSFERRED_TCF);
        assertThat(p.udpEc()).isSameAs(T38Token.UDP_REDUNDANCY);
        assertThat(p.udpEcDepth()).isEqualTo(new T38EcDepth(1, 2));
        assertThat(p.udpFecMaxSpan()).isEqualTo(3);
        assertThat(p.maxIfp()).isEqualTo(40);
        assertThat(p.modemType()).isEqualTo("t38G3FaxOnly");
        assertThat(p.vendorInfo()).isEqualTo("0 0 0");

        MediaDescription image = T38Parameters.IMS_RECOMMENDED
                .applyTo(MediaDescription.builder("image", 40000, Proto.UDP_TLS_UDPTL, "t38")
                        .addAttribute("T38FaxVersion", "0"))
                .build();
        assertThat(SdpWriter.write(image)).isEqualTo(String.join("\r\n",
                "m=image 40000 UDP/TLS/UDPTL t38",
                "a=T38FaxVersion:2",
                "a=T38MaxBitRate:14400",
                "a=T38FaxRateManagement:transferredTCF",
                "a=T38FaxMaxBuffer:1800",
                "a=T38FaxMaxDatagram:150",
                "a=T38FaxUdpEC:t38UDPRedundancy",
                ""));
        assertThat(T38Parameters.from(image)).isEqualTo(T38Parameters.IMS_RECOMMENDED);
        MediaDescription v4 = T38Parameters.IMS_RECOMMENDED_V4.applyTo(MediaDescription.builder("image", 1, Proto.UDPTL, "t38")).build();
        assertThat(T38Parameters.from(v4)).isEqualTo(T38Parameters.IMS_RECOMMENDED_V4);
        assertThat(v4.attribute("T38FaxUdpECDepth").orElseThrow().value()).isEqualTo("1 2");
        assertThat(SdpAttributes.T38_FAX_FILL_BIT_REMOVAL.toAttribute(true)).isEqualTo(Attribute.flag("T38FaxFillBitRemoval"));
        assertThat(SdpAttributes.T38_FAX_FILL_BIT_REMOVAL.toAttribute(false).line()).isEqualTo("a=T38FaxFillBitRemoval:0");
    }
}
