package io.assay.document;

import java.util.UUID;

/**
 * Whether a bucket takes uploads: one of the organisation's workflows has it and has not
 * retired it. The workflow module, which owns buckets, answers; documents only ask.
 */
public interface BucketDirectory {

	boolean takesUploads(UUID bucketId);

}
