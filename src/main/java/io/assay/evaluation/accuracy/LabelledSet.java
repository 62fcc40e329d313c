package io.assay.evaluation.accuracy;

import java.util.List;

/** A named collection of labelled cases, read from its files. */
public record LabelledSet(String name, int documents, List<LabelledCase> cases) {
}
