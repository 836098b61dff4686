package io.orchestrator.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REST API as the code declares it: every public method with an HTTP method annotation in every
 * root resource class (a class with {@code @Path}) under {@code io.orchestrator}, with its full path
 * below the application path, its parameters and whether it reads a body. A path parameter with a
 * regular expression that is a plain choice of words ({@code {operation: start|stop}}) stands for one
 * path per word; any other expression ({@code {path: .+}}) is just the parameter.
 */
record ResourceMethods(String applicationPath, List<Operation> operations) {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");
    private static final Pattern WORDS = Pattern.compile("[\\w-]+(\\|[\\w-]+)*");

    /** One resource method: where it is, the paths it serves, its HTTP method and parameters. */
    record Operation(
            String javaName,
            String httpMethod,
            String template,
            List<String> paths,
            Set<String> pathParams,
            Set<String> queryParams,
            Set<String> headerParams,
            Optional<Body> body) {}

    /** The method's entity parameter: its type, and whether the reader lets an empty body through. */
    record Body(Class<?> type, boolean optional) {}

    static ResourceMethods scan() {
        List<Operation> operations = new ArrayList<>();
        for (Class<?> type : classesUnder("io.orchestrator")) {
            Path root = type.getAnnotation(Path.class);
            if (root == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                Optional<String> http = httpMethodOf(method);
                Path sub = method.getAnnotation(Path.class);
                if (http.isEmpty()) {
                    if (sub != null) {
                        throw new IllegalStateException("A sub-resource locator, which this walk does not follow: "
                                + type.getSimpleName() + "." + method.getName());
                    }
                    continue;
                }
                String template = join(root.value(), sub == null ? "" : sub.value());
                operations.add(operation(type.getSimpleName() + "." + method.getName(), http.get(), template, method));
            }
        }
        return new ResourceMethods(
                OrchestratorApplication.class
                        .getAnnotation(ApplicationPath.class)
                        .value(),
                operations);
    }

    private static Operation operation(String javaName, String httpMethod, String template, Method method) {
        Set<String> path = new LinkedHashSet<>();
        Set<String> query = new LinkedHashSet<>();
        Set<String> header = new LinkedHashSet<>();
        Optional<Body> body = Optional.empty();
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(PathParam.class)) {
                path.add(parameter.getAnnotation(PathParam.class).value());
            } else if (parameter.isAnnotationPresent(QueryParam.class)) {
                query.add(parameter.getAnnotation(QueryParam.class).value());
            } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
                header.add(parameter.getAnnotation(HeaderParam.class).value());
            } else if (Stream.of(Context.class, FormParam.class, CookieParam.class, MatrixParam.class, BeanParam.class)
                    .noneMatch(parameter::isAnnotationPresent)) {
                body = Optional.of(new Body(parameter.getType(), parameter.isAnnotationPresent(OptionalBody.class)));
            }
        }
        return new Operation(
                javaName,
                httpMethod.toLowerCase(Locale.ROOT),
                normalized(template),
                expand(template),
                path,
                query,
                header,
                body);
    }

    private static Optional<String> httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    /** "/" + class path + method path, with single slashes and the trailing slash as declared. */
    private static String join(String classPath, String methodPath) {
        String joined = "/" + classPath + (methodPath.isEmpty() ? "" : "/" + methodPath);
        return joined.replaceAll("/{2,}", "/");
    }

    /** The template with every parameter as plain {@code {name}}. */
    private static String normalized(String template) {
        return TEMPLATE.matcher(template).replaceAll(match -> Matcher.quoteReplacement("{" + match.group(1) + "}"));
    }

    /** The paths a template stands for: one per word of each choice-of-words parameter. */
    static List<String> expand(String template) {
        Matcher match = TEMPLATE.matcher(template);
        while (match.find()) {
            String regex = match.group(2);
            if (regex != null && WORDS.matcher(regex.trim()).matches()) {
                List<String> paths = new ArrayList<>();
                for (String word : regex.trim().split("\\|")) {
                    paths.addAll(expand(template.substring(0, match.start()) + word + template.substring(match.end())));
                }
                return paths;
            }
        }
        return List.of(normalized(template));
    }

    private static List<Class<?>> classesUnder(String packageName) {
        ClassLoader loader = ResourceMethods.class.getClassLoader();
        java.nio.file.Path classes;
        try {
            classes = Paths.get(loader.getResource(
                                    OrchestratorApplication.class.getName().replace('.', '/') + ".class")
                            .toURI())
                    .getParent();
            for (int depth = OrchestratorApplication.class.getPackageName().split("\\.").length; depth > 0; depth--) {
                classes = classes.getParent();
            }
        } catch (URISyntaxException bad) {
            throw new IllegalStateException(bad);
        }
        java.nio.file.Path root = classes;
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve(packageName.replace('.', '/')))) {
            return files.map(root::relativize)
                    .map(java.nio.file.Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(name -> load(name, loader))
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
