package io.orchestrator.llm;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static final JsonArray MESSAGES =
            json("[{'role':'system','content':'Be brief.'},{'role':'user','content':'Name a colour.'}]")
                    .asJsonArray();
    private static final JsonObject PARAMETERS = object("{'temperature':0.7,'max_tokens':100,'stop':['\\n']}");

    private static String key(String connection, String model, JsonArray messages, JsonObject parameters, int index) {
        return CacheKeys.key(connection, model, messages, parameters, index);
    }

    @Test
    void theSameRequestHasTheSameKeyAndItIsASha256InHex() {
        String first = key("conn-1", "gpt-4o", MESSAGES, PARAMETERS, 0);
        assertEquals(first, key("conn-1", "gpt-4o", MESSAGES, PARAMETERS, 0));
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void anyChangeOfConnectionModelMessagesParametersOrIndexIsAnotherKey() {
        String base = key("conn-1", "gpt-4o", MESSAGES, PARAMETERS, 0);
        assertNotEquals(base, key("conn-2", "gpt-4o", MESSAGES, PARAMETERS, 0), "connection");
        assertNotEquals(base, key("conn-1", "gpt-4o-mini", MESSAGES, PARAMETERS, 0), "model");
        assertNotEquals(
                base,
                key(
                        "conn-1",
                        "gpt-4o",
                        json("[{'role':'system','content':'Be brief.'},{'role':'user','content':'Name a color.'}]")
                                .asJsonArray(),
                        PARAMETERS,
                        0),
                "a message's content");
        assertNotEquals(
                base,
                key(
                        "conn-1",
                        "gpt-4o",
                        json("[{'role':'user','content':'Name a colour.'},{'role':'system','content':'Be brief.'}]")
                                .asJsonArray(),
                        PARAMETERS,
                        0),
                "the messages' order");
        assertNotEquals(
                base,
                key("conn-1", "gpt-4o", MESSAGES, object("{'temperature':0.8,'max_tokens':100,'stop':['\\n']}"), 0),
                "a parameter's value");
        assertNotEquals(
                base,
                key("conn-1", "gpt-4o", MESSAGES, object("{'temperature':0.7,'max_tokens':100}"), 0),
                "a parameter left out");
        assertNotEquals(base, key("conn-1", "gpt-4o", MESSAGES, PARAMETERS, 1), "the candidate's index");
    }

    @Test
    void keyOrderAndHowANumberIsWrittenDoNotChangeTheKey() {
        String base = key("conn-1", "gpt-4o", MESSAGES, PARAMETERS, 0);
        assertEquals(
                base,
                key(
                        "conn-1",
                        "gpt-4o",
                        json("[{'content':'Be brief.','role':'system'},{'content':'Name a colour.','role':'user'}]")
                                .asJsonArray(),
                        object("{'stop':['\\n'],'max_tokens':1.00E2,'temperature':0.70}"),
                        0));
    }

    @Test
    void theCanonicalFormSortsKeysAtEveryDepthAndWritesNumbersByValue() {
        assertEquals(
                "{\"a\":[{\"x\":1,\"y\":0.5}],\"b\":null,\"c\":true,\"d\":\"q\\\"uote\"}",
                CacheKeys.canonical(object("{'d':'q\\\"uote','c':true,'b':null,'a':[{'y':0.50,'x':1.0}]}")));
    }

    @Test
    void numbersAreWrittenByValue() {
        assertEquals("0.7", CacheKeys.number(new BigDecimal("0.70")));
        assertEquals("0.7", CacheKeys.number(new BigDecimal("7e-1")));
        assertEquals("100", CacheKeys.number(new BigDecimal("1.00E2")));
        assertEquals("0", CacheKeys.number(new BigDecimal("-0.000")));
        assertEquals("-3", CacheKeys.number(new BigDecimal("-3.0")));
        assertEquals("1E+1000000", CacheKeys.number(new BigDecimal("10E+999999")), "huge exponents stay short");
    }

    @Test
    void onlySixtyFourHexDigitsAreAKey() {
        assertTrue(CacheKeys.isWellFormed("a".repeat(64)));
        assertTrue(CacheKeys.isWellFormed("ABCDEF0123456789".repeat(4)));
        assertFalse(CacheKeys.isWellFormed("a".repeat(63)));
        assertFalse(CacheKeys.isWellFormed("g".repeat(64)));
        assertFalse(CacheKeys.isWellFormed(null));
    }
}
