package dev.locara.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JSON reader (ROBUSTNESS.md): any text gives a value or a JsonException, and a value written and read
 * again is the same value. The round trip is what found 19-digit longs read as doubles.
 */
class JsonFuzzTest {
    static void readOrFailTyped(String text) {
        Object value;
        try {
            value = Json.parse(text);
        } catch (JsonException expected) {
            return;
        }
        assertEquals(exact(value), exact(Json.parse(JsonWriter.COMPACT.write(value))), text);
    }

    /**
     * The value with each number as its exact decimal: the writer prints an integral double such as 0.0
     * as "0", which reads back as a long of the same value; a long read as a double (the old bug) still
     * differs, since the double cannot hold its digits.
     */
    private static Object exact(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d : new java.math.BigDecimal(d).stripTrailingZeros();
        } else if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        } else if (value instanceof java.util.List<?> list) {
            return list.stream().map(JsonFuzzTest::exact).toList();
        } else if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, exact(v)));
            return out;
        }
        return value;
    }

    @FuzzTest(maxDuration = "60s")
    void anyText(FuzzedDataProvider data) {
        readOrFailTyped(data.consumeRemainingAsString());
    }

    @Property(tries = 2000)
    void anyTextNearJson(@ForAll("jsonish") String text) {
        readOrFailTyped(text);
    }

    @Property(tries = 2000)
    void valuesSurviveTheRoundTrip(@ForAll("values") Object value) {
        assertEquals(value, Json.parse(JsonWriter.COMPACT.write(value)));
        assertEquals(value, Json.parse(JsonWriter.PRETTY.write(value)));
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]:,\"\\-+.eE0123456789 \ntrufalsn\u00e9\uD83D\uDE00").ofMaxLength(60);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.longs().map(l -> (Object) l),
                () -> Arbitraries.doubles().filter(d -> d != Math.rint(d)).map(d -> (Object) d),
                () -> Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                () -> Arbitraries.of(Boolean.TRUE, Boolean.FALSE, Json.NULL),
                () -> values().list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                () -> Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), values()).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<String, Object>(m)));
    }

}
