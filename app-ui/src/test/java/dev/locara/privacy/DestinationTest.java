package dev.locara.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DestinationTest {
    @Test
    void loopbackNamesAndAddressesStayOnThisMachine() {
        for (String url : new String[] {"http://127.0.0.1:8080/models/a.gguf", "http://localhost/", "http://LOCALHOST:1/x",
            "http://app.localhost/", "http://[::1]:9000/", "http://127.255.0.9/", "https://user:pw@127.0.0.1/x?y#z"}) {
            assertEquals(Destination.THIS_MACHINE, Destination.of(url), url);
        }
    }

    @Test
    void everythingElseLeavesIt() {
        for (String url : new String[] {"https://huggingface.co/x", "http://192.168.1.5/", "http://127.0.0.1.evil.com/",
            "http://localhost.evil.com/", "http://[::2]/", "http://128.0.0.1/", "http://127.0.0.256/", "ws://10.0.0.1/",
            "https://evil.com\\@127.0.0.1/", "http://127.0.0.1@evil.com/"}) {
            assertEquals(Destination.ELSEWHERE, Destination.of(url), url);
        }
    }

    @Test
    void dataAndBlobUrlsStayInTheBrowser() {
        assertEquals(Destination.BROWSER, Destination.of("data:image/png;base64,AAAA"));
        assertEquals(Destination.BROWSER, Destination.of("blob:http://127.0.0.1/1234"));
    }
}
