package dev.locara.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends a request byte for byte (HttpClient and URI would normalize or refuse some of these) and reads it all. */
final class RawHttp {

    private RawHttp() {
    }

    /** The request head without its final blank line, e.g. "GET / HTTP/1.1\r\nHost: x"; the connection closes. */
    static Response send(int port, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            String top = end < 0 ? response : response.substring(0, end);
            Map<String, String> headers = Arrays.stream(top.split("\r\n")).skip(1).filter(l -> l.contains(":"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).trim().toLowerCase(Locale.ROOT),
                            l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
            return new Response(Integer.parseInt(top.split(" ")[1]), headers, response,
                    end < 0 ? "" : response.substring(end + 4));
        }
    }

    /** A GET of target over HTTP/1.1 with the given Host value. */
    static Response get(int port, String target, String host) throws IOException {
        return send(port, "GET " + target + " HTTP/1.1\r\nHost: " + host);
    }

    record Response(int status, Map<String, String> headers, String whole, String body) {
    }
}
