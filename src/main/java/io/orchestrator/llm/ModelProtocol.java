package io.orchestrator.llm;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** How one kind of model server is asked for an answer and for its models. */
public interface ModelProtocol {

    /**
     * Asks the model for one answer. With {@code request.stream()} the provider's streaming is used
     * and every piece of content goes to {@code pieces} as it arrives; otherwise {@code pieces}
     * gets the whole text once.
     */
    ModelAnswer generate(ModelEndpoint endpoint, ModelRequest request, Consumer<String> pieces) throws ModelFailure;

    /** The names of the models the server lists. */
    List<String> models(ModelEndpoint endpoint, Duration timeout) throws ModelFailure;
}
