package io.orchestrator.nodes.human;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Until this server can call a model for a merge, a model merge is refused with a clear reason. */
@ApplicationScoped
public class UnavailableModelMerge implements ModelMerge {

    @Override
    public String merge(String connectionId, String model, String instruction, List<String> texts)
            throws MergeUnavailable {
        throw new MergeUnavailable(
                "Merging selections with a model is not available yet on this server; use merge \"join\".");
    }
}
