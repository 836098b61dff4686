package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRoleTest {

    @Test
    void rolesHaveLowerCaseApiNames() {
        assertEquals("admin", TokenRole.ADMIN.apiName());
        assertEquals("user", TokenRole.USER.apiName());
    }

    @Test
    void fromApiNameFindsEachRole() {
        assertEquals(Optional.of(TokenRole.ADMIN), TokenRole.fromApiName("admin"));
        assertEquals(Optional.of(TokenRole.USER), TokenRole.fromApiName("user"));
    }

    @Test
    void fromApiNameIsExact() {
        assertEquals(Optional.empty(), TokenRole.fromApiName("ADMIN"));
        assertEquals(Optional.empty(), TokenRole.fromApiName(" user"));
    }

    @Test
    void fromApiNameFindsNothingForAnUnknownOrMissingName() {
        assertEquals(Optional.empty(), TokenRole.fromApiName("root"));
        assertEquals(Optional.empty(), TokenRole.fromApiName(null));
    }
}
