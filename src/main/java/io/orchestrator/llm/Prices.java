package io.orchestrator.llm;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.math.BigDecimal;

/**
 * What a candidate cost, from its connection's {@code prices} ({@code {model: {input_per_1k,
 * output_per_1k}}} in USD). Decimal arithmetic throughout, so that 0.0015 × 7 tokens is 0.0000105
 * and not a float's neighbour of it; a model without a price costs 0.
 */
public final class Prices {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Prices() {}

    public static BigDecimal cost(JsonObject prices, String model, long promptTokens, long completionTokens) {
        if (prices == null || !(prices.get(model) instanceof JsonObject price)) {
            return BigDecimal.ZERO;
        }
        BigDecimal input = per1k(price, "input_per_1k").multiply(BigDecimal.valueOf(promptTokens));
        BigDecimal output = per1k(price, "output_per_1k").multiply(BigDecimal.valueOf(completionTokens));
        return exact(input.add(output).divide(THOUSAND));
    }

    /** Without trailing zeros and without an exponent: 0 as 0 (not 0E-7), 10 as 10 (not 1E+1). */
    public static BigDecimal exact(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static BigDecimal per1k(JsonObject price, String field) {
        return price.get(field) instanceof JsonNumber number ? number.bigDecimalValue() : BigDecimal.ZERO;
    }
}
