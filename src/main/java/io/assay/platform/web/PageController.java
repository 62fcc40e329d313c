package io.assay.platform.web;

/**
 * Marks a controller that renders pages for people rather than JSON for programs, so that
 * its errors are shown as pages ({@link PageErrors}) instead of problem+json.
 */
public interface PageController {

}
