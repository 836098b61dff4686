package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final Caller editorOfA = new Caller(
            "t1", "editor", TokenRole.USER, 60, Map.of("a", WorkspaceRole.EDITOR, "b", WorkspaceRole.VIEWER));
    private final Caller admin = new Caller("t2", "admin", TokenRole.ADMIN, 60, Map.of());

    @Test
    void eachRoleIncludesTheOnesBeforeIt() {
        assertTrue(WorkspaceRole.OWNER.includes(WorkspaceRole.EDITOR));
        assertTrue(WorkspaceRole.EDITOR.includes(WorkspaceRole.VIEWER));
        assertTrue(WorkspaceRole.EDITOR.includes(WorkspaceRole.EDITOR));
        assertFalse(WorkspaceRole.VIEWER.includes(WorkspaceRole.EDITOR));
        assertFalse(WorkspaceRole.EDITOR.includes(WorkspaceRole.OWNER));
    }

    @Test
    void aUserTokenReachesOnlyItsWorkspacesWithItsRoleInEach() {
        assertTrue(editorOfA.may(WorkspaceRole.EDITOR, "a"));
        assertFalse(editorOfA.may(WorkspaceRole.OWNER, "a"));
        assertTrue(editorOfA.mayRead("b"));
        assertFalse(editorOfA.may(WorkspaceRole.EDITOR, "b"));
        assertFalse(editorOfA.mayRead("c"));
        assertEquals(Optional.empty(), editorOfA.roleIn("c"));
        assertEquals(Optional.of(Set.of("a", "b")), editorOfA.visibleWorkspaces());
    }

    @Test
    void anAdminIsAnOwnerEverywhereAndItsListsAreUnfiltered() {
        assertEquals(Optional.of(WorkspaceRole.OWNER), admin.roleIn("anything"));
        assertTrue(admin.may(WorkspaceRole.OWNER, "c"));
        assertEquals(Optional.empty(), admin.visibleWorkspaces());
    }

    @Test
    void theApiNamesOfRolesAreLowerCaseAndUnknownOnesAreRefused() {
        assertEquals("viewer", WorkspaceRole.VIEWER.apiName());
        assertEquals(Optional.of(WorkspaceRole.OWNER), WorkspaceRole.fromApiName("owner"));
        assertEquals(Optional.empty(), WorkspaceRole.fromApiName("OWNER"));
        assertEquals(Optional.empty(), WorkspaceRole.fromApiName("root"));
    }
}
