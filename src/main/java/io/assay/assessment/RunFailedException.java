package io.assay.assessment;

import io.assay.platform.WordedException;
import io.assay.platform.Wording;

/**
 * Why a run could not go on, worded for the people who will read it on the run's page and
 * in its notification once the job's attempts are used up.
 */
final class RunFailedException extends WordedException {

	RunFailedException(Wording wording, Throwable cause) {
		super(wording);
		initCause(cause);
	}

}
