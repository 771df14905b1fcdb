package sparkyolo.prep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import sparkyolo.data.ImageFiles;
import sparkyolo.io.HadoopFiles;

/**
 * Lists a COCO detection dataset: an {@code instances_*.json} and the folder its {@code file_name}s
 * are relative to. The JSON is streamed one array element at a time, so train2017's 450 MB file
 * does not become one tree. Category ids become class indices in ascending id order, named by the
 * categories; boxes ({@code [x, y, w, h]}, top-left corner, pixels) stay in pixels until the
 * executor knows the image's real size and orientation.
 */
final class CocoSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record CocoImage(long id, String fileName, int width, int height) {
    }

    /** What a box needs of an annotation; the segmentation, most of a COCO file, is dropped while reading. */
    private record CocoAnnotation(String id, JsonNode categoryId, boolean crowd, JsonNode bbox) {
        static CocoAnnotation of(JsonNode n) {
            return new CocoAnnotation(n.path("id").asText("?"), n.path("category_id"), n.path("iscrowd").asInt(0) != 0,
                    n.path("bbox"));
        }
    }

    private CocoSource() {
    }

    static SourceListing read(HadoopFiles files, String jsonPath, String imagesDir, String split) throws IOException {
        String json = files.qualify(jsonPath);
        List<Issue> issues = new ArrayList<>();
        List<CocoImage> images = new ArrayList<>();
        Map<Long, List<CocoAnnotation>> annotations = new LinkedHashMap<>();
        TreeMap<Long, String> categories = new TreeMap<>();
        parse(files, json, images, annotations, categories, issues);
        if (categories.isEmpty()) {
            throw new IOException(json + ": no 'categories'; not a COCO detection annotation file?");
        }
        Map<Long, Integer> classOf = new HashMap<>();
        for (long id : categories.keySet()) {
            classOf.put(id, classOf.size());
        }

        String dir = files.qualify(imagesDir);
        Map<String, String> byRelativePath = new HashMap<>();
        for (String file : DirectoryWalker.files(files, dir, issues)) {
            if (ImageFiles.isImage(file)) {
                byRelativePath.put(file.substring(dir.length() + 1), file);
            }
        }
        ItemsByPath items = new ItemsByPath();
        for (CocoImage image : images) {
            List<CocoAnnotation> anns = annotations.getOrDefault(image.id(), List.of());
            annotations.remove(image.id());
            String path = byRelativePath.get(image.fileName());
            if (path == null) {
                issues.add(Issue.of(IssueReason.LABEL_WITHOUT_IMAGE, dir + "/" + image.fileName(),
                        "image id " + image.id() + " with " + anns.size() + " annotation(s) in " + json + ": no such file"));
            } else if (items.contains(path)) {
                issues.add(Issue.of(IssueReason.BAD_ANNOTATION, json, "image id " + image.id() + ": file_name "
                        + image.fileName() + " is already listed under another id; ignored"));
            } else {
                List<PixelBox> boxes = boxes(anns, classOf, path, issues);
                items.add(path, String.valueOf(image.id()), split,
                        new SourceLabels.Pixels(image.width(), image.height(), boxes, json));
            }
        }
        annotations.forEach((imageId, anns) -> issues.add(Issue.of(IssueReason.BAD_ANNOTATION, json,
                anns.size() + " annotation(s) refer to image_id " + imageId + ", which is not in 'images'")));
        List<SourceItem> listed = items.build();
        for (String file : byRelativePath.values().stream().sorted().toList()) {
            if (!items.contains(file)) {
                issues.add(Issue.of(IssueReason.UNLISTED_IMAGE, file, "not in " + json));
            }
        }
        return new SourceListing(listed, List.copyOf(categories.values()), issues);
    }

    private static List<PixelBox> boxes(List<CocoAnnotation> anns, Map<Long, Integer> classOf, String path,
            List<Issue> issues) {
        List<PixelBox> boxes = new ArrayList<>();
        for (CocoAnnotation a : anns) {
            String ref = "annotation " + a.id();
            JsonNode bbox = a.bbox();
            Integer cls = a.categoryId().canConvertToLong() ? classOf.get(a.categoryId().asLong()) : null;
            if (a.crowd()) {
                issues.add(Issue.of(IssueReason.CROWD_ANNOTATION, path, ref + " is a crowd region"));
            } else if (cls == null) {
                issues.add(Issue.of(IssueReason.CLASS_OUT_OF_RANGE, path,
                        ref + ": category_id " + a.categoryId() + " is not in 'categories'"));
            } else if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
                issues.add(Issue.of(IssueReason.MALFORMED_LABEL, path, ref + ": bbox must be [x, y, w, h], got " + bbox));
            } else if (!(bbox.get(2).asDouble() > 0 && bbox.get(3).asDouble() > 0)) {
                issues.add(Issue.of(IssueReason.NON_POSITIVE_SIZE, path, ref + ": bbox " + bbox));
            } else {
                double x = bbox.get(0).asDouble();
                double y = bbox.get(1).asDouble();
                boxes.add(new PixelBox(cls, x, y, x + bbox.get(2).asDouble(), y + bbox.get(3).asDouble(), ref));
            }
        }
        return boxes;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void parse(HadoopFiles files, String json, List<CocoImage> images,
            Map<Long, List<CocoAnnotation>> annotations, Map<Long, String> categories, List<Issue> issues)
            throws IOException {
        try (InputStream in = files.open(json); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(json + ": not a COCO annotation file (expected a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                switch (field) {
                    case "images" -> eachObject(p, json, field, n -> {
                        if (n.path("id").canConvertToLong() && n.path("file_name").isTextual()) {
                            images.add(new CocoImage(n.get("id").asLong(), n.get("file_name").asText(),
                                    n.path("width").asInt(0), n.path("height").asInt(0)));
                        } else {
                            issues.add(Issue.of(IssueReason.BAD_ANNOTATION, json, "image entry without id or file_name: " + n));
                        }
                    });
                    case "annotations" -> eachObject(p, json, field,
                            n -> annotations.computeIfAbsent(n.path("image_id").asLong(Long.MIN_VALUE), k -> new ArrayList<>())
                                    .add(CocoAnnotation.of(n)));
                    case "categories" -> eachObject(p, json, field,
                            n -> categories.put(n.path("id").asLong(), n.path("name").asText(String.valueOf(n.path("id")))));
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(json + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Calls {@code body} with each object of the array the parser stands on, read one at a time. */
    private static void eachObject(JsonParser p, String json, String field, Consumer<JsonNode> body) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException(json + ": '" + field + "' must be an array");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IOException(json + ": '" + field + "' must hold objects, found " + p.currentToken());
            }
            body.accept(JSON.readTree(p));
        }
    }
}
