package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.testing.JsonLiterals;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricesTest {

    private static final JsonObject PRICES = JsonLiterals.object(
            "{'gpt': {'input_per_1k': 0.0015, 'output_per_1k': 0.002}, 'half': {'input_per_1k': 0.1}}");

    @Test
    void costIsExactDecimalArithmetic() {
        // 0.0015 × 7 / 1000 + 0.002 × 3 / 1000 = 0.0000105 + 0.000006; in doubles this is 1.6499999999999998E-5
        assertEquals(new BigDecimal("0.0000165"), Prices.cost(PRICES, "gpt", 7, 3));
        assertEquals(new BigDecimal("1.75"), Prices.cost(PRICES, "gpt", 500_000, 500_000));
    }

    @Test
    void aMissingPriceCostsNothing() {
        assertEquals(BigDecimal.ZERO, Prices.cost(PRICES, "unknown", 1000, 1000));
        assertEquals(BigDecimal.ZERO, Prices.cost(null, "gpt", 1000, 1000));
        assertEquals(new BigDecimal("0.1"), Prices.cost(PRICES, "half", 1000, 1000));
    }

    @Test
    void amountsHaveNoTrailingZerosNorExponent() {
        assertEquals("10", Prices.exact(new BigDecimal("10.000")).toString());
        assertEquals("0", Prices.exact(new BigDecimal("0E-7")).toString());
    }
}
