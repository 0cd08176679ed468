package org.complaintledger.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files as the tools read them: every YAML document, and each kustomize overlay rendered the way
 * {@code kubectl kustomize} renders the parts these manifests use (resources, strategic-merge patches, replicas,
 * ConfigMap and Secret generators). Generated names keep their declared form: kustomize's hash suffixes rename the
 * references along with the objects.
 */
final class Manifests {

    static final Path K8S = Path.of("k8s");
    static final Path OVERLAYS = K8S.resolve("overlays");
    static final Path COMPOSE = Path.of("docker", "compose.yaml");
    static final Path DOCKERFILE = Path.of("docker", "Dockerfile.jvm");

    private Manifests() {}

    /** One overlay after rendering: its objects, and the keys of every ConfigMap and Secret it defines. */
    record Rendered(
            List<Map<String, Object>> objects, Map<String, Set<String>> configMaps, Map<String, Set<String>> secrets) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = ofKind(kind);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + ", found " + found.size());
            }
            return found.getFirst();
        }
    }

    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Path> all = new ArrayList<>(
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
            all.add(COMPOSE);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> kustomization(Path dir) {
        return documents(dir.resolve("kustomization.yaml")).getFirst();
    }

    static Rendered render(Path dir) {
        Map<String, Object> kustomization = kustomization(dir);
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, Set<String>> configMaps = new LinkedHashMap<>();
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String resource : strings(kustomization.get("resources"))) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                Rendered base = render(path);
                objects.addAll(base.objects());
                configMaps.putAll(base.configMaps());
                secrets.putAll(base.secrets());
            } else {
                objects.addAll(documents(path));
            }
        }
        generate(list(kustomization.get("configMapGenerator")), configMaps);
        generate(list(kustomization.get("secretGenerator")), secrets);
        for (Object patch : list(kustomization.get("patches"))) {
            for (Map<String, Object> document :
                    documents(dir.resolve(string(map(patch).get("path"))))) {
                int target = indexOf(objects, string(document.get("kind")), name(document));
                if (target < 0) {
                    throw new AssertionError(dir + ": a patch for a " + document.get("kind") + " " + name(document)
                            + " that is not there");
                }
                objects.set(target, map(merge(objects.get(target), document)));
            }
        }
        for (Object replicas : list(kustomization.get("replicas"))) {
            Map<String, Object> deployment = objects.get(
                    indexOf(objects, "Deployment", string(map(replicas).get("name"))));
            map(deployment.get("spec")).put("replicas", map(replicas).get("count"));
        }
        return new Rendered(objects, configMaps, secrets);
    }

    /** A generator's keys: {@code KEY=value} literals, and files as {@code key=path} or under their own name. */
    private static void generate(List<Object> generators, Map<String, Set<String>> defined) {
        for (Object generator : generators) {
            Map<String, Object> g = map(generator);
            Set<String> keys = new LinkedHashSet<>();
            strings(g.get("literals")).forEach(literal -> keys.add(literal.substring(0, literal.indexOf('='))));
            strings(g.get("files"))
                    .forEach(file -> keys.add(
                            file.contains("=")
                                    ? file.substring(0, file.indexOf('='))
                                    : Path.of(file).getFileName().toString()));
            String name = string(g.get("name"));
            if ("merge".equals(g.get("behavior"))) {
                Objects.requireNonNull(defined.get(name), "merge into an undefined generator " + name)
                        .addAll(keys);
            } else {
                defined.put(name, keys);
            }
        }
    }

    /**
     * Strategic merge as far as these manifests need it: maps merge, a null deletes, and lists of named entries
     * (containers, volumes, env, volumeMounts here) merge entry by entry; any other list is replaced.
     */
    @SuppressWarnings("unchecked")
    static Object merge(Object base, Object patch) {
        if (base instanceof Map<?, ?> baseMap && patch instanceof Map<?, ?> patchMap) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseMap);
            patchMap.forEach((key, value) -> {
                if (value == null) {
                    merged.remove((String) key);
                } else {
                    merged.put((String) key, merge(merged.get(key), value));
                }
            });
            return merged;
        }
        if (base instanceof List<?> baseList
                && patch instanceof List<?> patchList
                && named(baseList)
                && named(patchList)) {
            List<Object> merged = new ArrayList<>(baseList);
            for (Object entry : patchList) {
                int at = indexOfName(merged, map(entry).get("name"));
                if (at < 0) {
                    merged.add(entry);
                } else {
                    merged.set(at, merge(merged.get(at), entry));
                }
            }
            return merged;
        }
        return patch;
    }

    private static boolean named(List<?> list) {
        return list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("name") != null);
    }

    private static int indexOfName(List<Object> list, Object name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(map(list.get(i)).get("name"))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<Map<String, Object>> objects, String kind, String name) {
        for (int i = 0; i < objects.size(); i++) {
            if (kind.equals(objects.get(i).get("kind")) && name.equals(name(objects.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    static String name(Map<String, Object> object) {
        return string(map(object.get("metadata")).get("name"));
    }

    /** The path below the object: {@code at(deployment, "spec", "template", "spec")}; null when any step is missing. */
    static Object at(Object object, String... path) {
        Object current = object;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(Manifests::string).toList();
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
