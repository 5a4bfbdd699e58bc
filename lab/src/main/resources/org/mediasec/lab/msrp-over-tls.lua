-- mediasec lab: dissects the decrypted payload of TLS on the given TCP ports as MSRP (RFC 4975 over TLS).
--
-- tshark 4.0 cannot do this with "-d tls.port==N,msrp" (tls.port offers only a short list of
-- protocols, msrp not among them), but Lua can add any registered dissector to the tls.port table.
-- interop-tests' MsrpTlsTsharkInteropTest loads this file too; `mediasec lab --pcap` writes it
-- beside the capture and prints the tshark command that loads it.
--
-- Usage (the ports are the script's argument, separated by commas):
--   tshark -X lua_script:lab.msrp-over-tls.lua -X lua_script1:31100,31300 -r lab.pcapng \
--          -d tcp.port==31100,tls -d tcp.port==31300,tls -o tls.keylog_file:lab.keylog
--
-- A failure stops the script with a Lua error, which tshark prints on stderr ("Lua: Error during
-- loading") before carrying on without the mapping: check stderr, or that MSRP frames come out.

local args = { ... }

local function fail(message)
    error("msrp-over-tls.lua: " .. message, 0)
end

local ok, msrp = pcall(Dissector.get, "msrp")
if not ok or msrp == nil then
    fail("no dissector named msrp in this Wireshark")
end
local found, tls_ports = pcall(DissectorTable.get, "tls.port")
if not found or tls_ports == nil then
    fail("no dissector table named tls.port in this Wireshark")
end

local count = 0
for _, arg in ipairs(args) do
    for port in string.gmatch(arg, "[^,%s]+") do
        local n = tonumber(port)
        if n == nil or n < 1 or n > 65535 or n % 1 ~= 0 then
            fail("not a port number: " .. port)
        end
        tls_ports:add(n, msrp)
        count = count + 1
    end
end
if count == 0 then
    fail("no port given; pass them as -X lua_script1:<port>[,<port>...]")
end
