package io.orchestrator.platform;

import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Finds the application server's transaction manager for Hibernate, which the WAR brings along, so
 * that one WAR runs on any Jakarta EE server (README, "Other Jakarta EE servers"). Hibernate's own
 * guesses cover Open Liberty and WildFly by their classes; GlassFish and Payara are not among them,
 * and are recognised by the name under which they bind their transaction manager.
 */
public final class ContainerJtaPlatformResolver implements JtaPlatformResolver {

    /** Where GlassFish and Payara bind their transaction manager (Hibernate's SunOneJtaPlatform reads it there). */
    static final String GLASSFISH_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    @Override
    @SuppressWarnings("rawtypes") // Hibernate's interface declares a raw Map
    public JtaPlatform resolveJtaPlatform(Map settings, ServiceRegistryImplementor registry) {
        JtaPlatform guessed = StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(settings, registry);
        if (guessed instanceof NoJtaPlatform && bound(GLASSFISH_TRANSACTION_MANAGER)) {
            return new SunOneJtaPlatform();
        }
        return guessed;
    }

    private static boolean bound(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException notThere) {
            return false;
        }
    }
}
