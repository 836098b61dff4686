package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.RunRequests.Action;
import org.junit.jupiter.api.Test;

class RunRequestsActionTest {

    @Test
    void everyActionIsStoredByItsLowerCaseNameAndReadBack() {
        for (Action action : Action.values()) {
            assertEquals(action.name().toLowerCase(), action.wireName());
            assertEquals(action, Action.ofWireName(action.wireName()));
        }
    }

    @Test
    void aNameThisServerDoesNotKnowReadsAsNoAction() {
        assertNull(Action.ofWireName("rewind"));
        assertNull(Action.ofWireName("STOP"));
    }

    @Test
    void onlyAWakeUpOrARetryIsStillOwedOnceItsServerDied() {
        assertTrue(Action.WAKE.stillOwedWhenOrphaned());
        assertTrue(Action.RETRY.stillOwedWhenOrphaned());
        assertFalse(Action.STOP.stillOwedWhenOrphaned());
        assertFalse(Action.PAUSE.stillOwedWhenOrphaned());
        assertFalse(Action.RESUME.stillOwedWhenOrphaned());
    }
}
