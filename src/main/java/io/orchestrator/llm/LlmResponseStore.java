package io.orchestrator.llm;

import java.util.List;

/** Where the llm node keeps its candidates' records (the database; a list in unit tests). */
public interface LlmResponseStore {

    void keep(List<LlmResponse> responses);
}
