package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DNS rebinding: which Host headers get an answer, over real HTTP and as a table of the rule itself. */
class HostCheckTest {

    @TempDir
    static Path app;
    static StaticServer server;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(app.resolve("index.html"), "<!doctype html><title>Locara</title>");
        server = StaticServer.start(ServerOptions.loopback(0, app, null));
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LocalHost:PORT", "[::1]:PORT", "127.1.2.3:PORT",
            "[0:0:0:0:0:0:0:1]:PORT"})
    void loopbackNamesWithTheServedPortAreAnswered(String host) throws IOException {
        var response = RawHttp.get(port, "/", host.replace("PORT", String.valueOf(port)));
        assertEquals(200, response.status(), response.whole());
        assertEquals("<!doctype html><title>Locara</title>", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "evil.example:PORT",     // the rebinding page itself
            "evil.example",
            "127.0.0.1",             // no port means 80, which is not this server's
            "127.0.0.1:OTHER",       // another port: another origin
            "localhost:OTHER",
            "localhost.:PORT",       // trailing dot: resolved by DNS outside Chrome, so refused
            "127.0.0.1.:PORT",
            "app.localhost:PORT",    // *.localhost: the same
            "127.0.0.1.evil.example:PORT",
            "localhost.evil.example:PORT",
            "2130706433:PORT",       // 127.0.0.1 as one number: not a literal any browser sends
            "0177.0.0.1:PORT",       // octal spelling
            "[::1]",
            "[::2]:PORT",
            "10.0.0.1:PORT",
            "0.0.0.0:PORT",
            "localhost:+PORT",
            "",
    })
    void otherHostsAreRefusedWith403AndASentence(String host) throws IOException {
        var response = RawHttp.get(port, "/", host.replace("OTHER", String.valueOf(port + 1))
                .replace("PORT", String.valueOf(port)));
        assertEquals(403, response.status(), host + " -> " + response.whole());
        assertEquals("text/plain; charset=utf-8", response.headers().get("content-type"));
        assertTrue(response.body().startsWith("Refused: this server answers only requests addressed to it as "
                + "localhost, 127.0.0.1 or [::1] on port " + port + ","), response.body());
        assertTrue(response.body().contains("DNS rebinding") && response.body().contains(server.url()), response.body());
        assertFalse(response.body().contains("Locara</title>"));
        StaticServerTest.assertSecurityHeaders(response.headers());
    }

    /** Undertow itself answers a Host it cannot parse with 400, before this server's check: refused all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"[::1%25lo]:PORT", "::1:PORT", "localhost: PORT", "localhost:PORT:PORT", "local host:PORT",
            "[::ffff:127.0.0.1]:PORT"})
    void malformedHostsAreRefusedWith400(String host) throws IOException {
        var response = RawHttp.get(port, "/", host.replace("PORT", String.valueOf(port)));
        assertEquals(400, response.status(), host + " -> " + response.whole());
        assertFalse(response.body().contains("Locara</title>"));
    }

    @Test
    void absoluteRequestTargetMustNameThisServerToo() throws IOException {
        String self = "127.0.0.1:" + port;
        var foreign = RawHttp.get(port, "http://evil.example:" + port + "/", self);
        assertTrue(foreign.status() == 400 || foreign.status() == 403, foreign.whole()); // Undertow: 400
        assertFalse(foreign.body().contains("Locara</title>"));
        assertEquals(403, RawHttp.get(port, "http://evil.example:" + port + "/", "evil.example:" + port).status());
        assertEquals(200, RawHttp.get(port, "http://" + self + "/", self).status());
    }

    /**
     * HTTP/1.1 without Host is malformed (RFC 9112 3.2 asks for 400); HTTP/1.0 without Host leaves nothing to
     * check, so it is refused like a foreign host. No browser sends either.
     */
    @Test
    void missingOrDoubledHost() throws IOException {
        assertEquals(400, RawHttp.send(port, "GET / HTTP/1.1").status());
        String self = "Host: 127.0.0.1:" + port;
        assertEquals(400, RawHttp.send(port, "GET / HTTP/1.1\r\n" + self + "\r\nHost: evil.example").status());
        var http10 = RawHttp.send(port, "GET / HTTP/1.0");
        assertEquals(403, http10.status(), http10.whole());
        assertEquals(200, RawHttp.send(port, "GET / HTTP/1.0\r\n" + self).status());
    }

    @Test
    void theHostGivenWithHostIsAnsweredToo() throws IOException {
        try (StaticServer named = StaticServer.start(new ServerOptions("localhost", 0, app, null))) {
            assertEquals(200, RawHttp.get(named.port(), "/", "localhost:" + named.port()).status());
        }
        HostCheck lan = new HostCheck("mybox.lan", 8080);
        assertTrue(lan.allows("mybox.lan:8080"));
        assertTrue(lan.allows("MYBOX.LAN:8080"));
        assertTrue(lan.allows("127.0.0.1:8080"));
        assertFalse(lan.allows("mybox.lan.:8080"));
        assertFalse(lan.allows("evil.mybox.lan:8080"));
        assertFalse(lan.allows("192.168.1.5:8080"));
        assertTrue(lan.refusal("http://mybox.lan:8080/").contains("[::1] or mybox.lan on port 8080"));
    }

    @ParameterizedTest
    @CsvSource({
            "192.168.1.5, 192.168.1.5:8080, true",
            "192.168.1.5, 192.168.1.6:8080, false",
            "192.168.1.5, lan-name:8080,    false",
            "::1,         [::1]:8080,       true",
            "fe80::1,     [fe80:0::1]:8080, true",
            "0.0.0.0,     192.168.1.5:8080, true",   // wildcard bind: the machine's addresses, as literals only
            "0.0.0.0,     [fe80::1]:8080,   true",
            "0.0.0.0,     some-name:8080,   false",
            "0.0.0.0,     192.168.1.5:8081, false",
            "::,          10.1.2.3:8080,    true",
    })
    void boundAddressRules(String bound, String host, boolean allowed) {
        assertEquals(allowed, new HostCheck(bound, 8080).allows(host));
    }

    @Test
    void portEightyNeedsNoPort() {
        HostCheck check = new HostCheck("127.0.0.1", 80);
        assertTrue(check.allows("localhost"));
        assertTrue(check.allows("127.0.0.1:80"));
        assertFalse(check.allows("127.0.0.1:8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1..3.4",
            "[]", "[1.2.3.4]", "[::1%eth0]", "[example.org]", "[g::1]"})
    void onlyStrictLiteralsAreAddresses(String text) {
        assertNull(HostCheck.ipLiteral(text));
    }
}
