package io.assay.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.assay.evaluation.accuracy.ContractNli;
import io.assay.evaluation.accuracy.Cuad;
import io.assay.evaluation.accuracy.LabelledCase;
import io.assay.evaluation.accuracy.LabelledSet;
import io.assay.evaluation.accuracy.SampleSet;
import io.assay.evaluation.accuracy.Scorecard;
import io.assay.platform.CommandEnvironment;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * Measures the configured judge on labelled data and prints accuracy, false-pass and
 * false-fail rates, evidence-page accuracy, retrieval recall and the text sent. It runs
 * the same engine as an assessment (page selection, judge, evidence check), without a
 * database or the answer cache: every criterion is really asked.
 *
 * <pre>
 * accuracy                              the sample set shipped with Assay
 * accuracy samples-de                   the German sample set, criteria in German
 * accuracy samples-de-en                the German sample set, criteria in English
 * accuracy cuad DIR [--max N]           CUAD contracts: DIR holds verdicts.jsonl and pdf/
 * accuracy contract-nli FILE [--max N]  ContractNLI: FILE is dev.json
 * ... [--budget CHARACTERS]             another passage budget than configured
 * ... [--answers labels]                a stand-in judge answering with the labels
 * </pre>
 *
 * With {@code --answers labels} every criterion is answered perfectly (the labelled
 * verdict, the labelled text as quote): the figures then measure what the engine does to
 * a perfect answer: evidence found, its strength, its pages, the confidence kept.
 */
public final class AccuracyCommand {

	private AccuracyCommand() {
	}

	public static int run(List<String> arguments, PrintStream out) throws IOException {
		List<String> rest = new ArrayList<>(arguments);
		String documents = option(rest, "--max", "1000000");
		if (!documents.matches("[1-9][0-9]{0,8}")) {
			out.println("--max needs a number of documents, not '" + documents + "'");
			return 2;
		}
		int max = Integer.parseInt(documents);
		String budget = option(rest, "--budget", null);
		String answers = option(rest, "--answers", "judge");
		if (!answers.equals("judge") && !answers.equals("labels")) {
			out.println("Unknown --answers '" + answers + "': use labels, or leave it out to ask the judge");
			return 2;
		}
		EvaluationProperties properties;
		try {
			properties = properties(budget);
		}
		catch (org.springframework.boot.context.properties.bind.BindException ex) {
			out.println("The judge's settings cannot be used: " + settingProblem(ex));
			return 2;
		}
		String set = rest.isEmpty() ? "samples" : rest.getFirst();
		LabelledSet labelled = switch (set) {
			case "samples" -> SampleSet.read();
			case "samples-de" -> SampleSet.readGerman(false);
			case "samples-de-en" -> SampleSet.readGerman(true);
			case "cuad" -> Cuad.read(Path.of(argument(rest, "cuad DIR")), max);
			case "contract-nli" -> ContractNli.read(Path.of(argument(rest, "contract-nli FILE")), max);
			default -> {
				out.println("Unknown labelled set '" + set
						+ "': use samples, samples-de, samples-de-en, cuad DIR or contract-nli FILE");
				yield null;
			}
		};
		if (labelled == null) {
			return 2;
		}
		boolean labels = answers.equals("labels");
		CriterionJudge judge = labels ? null : EvaluationConfiguration.chosenJudge(properties);
		Evaluation evaluation = labels ? null : new Evaluation(judge, properties, null, null);
		out.printf("Labelled set: %s%nDocuments: %d, criteria: %d%nJudge: %s, passage budget: %,d characters%n%n",
				labelled.name(), labelled.documents(), labelled.cases().size(),
				labels ? "labels (a stand-in answering with the labelled verdicts and quotes)" : judge.name(),
				properties.passageBudgetChars());
		int threads = judge != null && judge.limited() ? properties.limits().concurrentCalls()
				: Runtime.getRuntime().availableProcessors();
		Scorecard scorecard = score(labelled, cases -> evaluation != null ? evaluation
				: new Evaluation(new LabelledAnswers(cases), properties, null, null), threads, out);
		out.println();
		out.print(scorecard.summary());
		return 0;
	}

	/** Judges every case, listing each when there are few, and scores the verdicts. */
	/**
	 * Judges every case, as an assessment does: the criteria over the same documents put
	 * to the judge together, as many in one call as the evaluation puts; lists each case
	 * when there are few, and scores the verdicts.
	 * @param evaluations the evaluation that judges cases over the same documents
	 */
	static Scorecard score(LabelledSet labelled,
			java.util.function.Function<List<LabelledCase>, Evaluation> evaluations, int threads, PrintStream out) {
		Scorecard scorecard = new Scorecard();
		java.util.Map<List<java.util.UUID>, List<LabelledCase>> byDocuments = new java.util.LinkedHashMap<>();
		for (LabelledCase labelledCase : labelled.cases()) {
			byDocuments
				.computeIfAbsent(labelledCase.documents().stream().map(DocumentText::documentId).toList(),
						documents -> new ArrayList<>())
				.add(labelledCase);
		}
		try (ExecutorService judging = Executors.newFixedThreadPool(threads)) {
			List<Future<List<Scorecard.Line>>> lines = new ArrayList<>();
			for (List<LabelledCase> cases : byDocuments.values()) {
				Evaluation evaluation = evaluations.apply(cases);
				for (List<LabelledCase> together : evaluation.calls(cases)) {
					lines.add(judging.submit(() -> {
						List<Evaluation.Outcome> outcomes = evaluation.evaluateTogether(together.stream()
							.map(labelledCase -> new Evaluation.Criterion(labelledCase.criterion(),
									labelledCase.description(), null))
							.toList(), together.getFirst().documents());
						List<Scorecard.Line> scored = new ArrayList<>();
						for (int i = 0; i < together.size(); i++) {
							scored.add(scorecard.add(together.get(i), outcomes.get(i)));
						}
						return scored;
					}));
				}
			}
			boolean list = labelled.cases().size() <= 50;
			for (Future<List<Scorecard.Line>> call : lines) {
				for (Scorecard.Line done : call.get()) {
					if (list) {
						out.printf("%-34s expected %-4s got %-9s %-6s evidence page %s%n", done.labelled().criterion(),
								done.labelled().expectedPass() ? "pass" : "fail", done.verdict(),
								done.outcome().confidence().value(), !done.labelled().hasEvidencePages() ? "-"
										: done.evidenceRight() ? "right" : "not shown");
					}
				}
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A criterion could not be evaluated", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while judging the labelled set", ex);
		}
		return scorecard;
	}

	/**
	 * The evaluation settings as the service would have them: application.yml and
	 * environment.
	 */
	private static EvaluationProperties properties(String budget) throws IOException {
		StandardEnvironment environment = CommandEnvironment.load();
		if (budget != null) {
			environment.getSystemProperties().put("assay.evaluation.passage-budget-chars", budget);
		}
		return Binder.get(environment).bindOrCreate("assay.evaluation", Bindable.of(EvaluationProperties.class));
	}

	/** Which setting is wrong, and how. */
	static String settingProblem(org.springframework.boot.context.properties.bind.BindException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause.getMessage() != null && cause.getMessage().startsWith("Invalid boolean value")) {
			// Names the setting too: the value alone does not say which one it was.
			return ex.getName() + ": " + cause.getMessage().replace("Invalid boolean value ", "")
					+ " is neither true nor false";
		}
		if (!(cause instanceof NumberFormatException)) {
			return String.valueOf(cause.getMessage());
		}
		// Names the value the user set (ASSAY_CRITERIA_PER_CALL=abc: 'abc'), not the
		// ${...} expression in application.yml through which it arrived.
		java.util.regex.Matcher given = java.util.regex.Pattern.compile("For input string: \"(.*)\"")
			.matcher(String.valueOf(cause.getMessage()));
		return ex.getName() + ": " + (given.find() ? "'" + given.group(1) + "'" : "the value")
				+ " is not a whole number";
	}

	private static String option(List<String> arguments, String name, String otherwise) {
		int at = arguments.indexOf(name);
		if (at < 0) {
			return otherwise;
		}
		if (at + 1 >= arguments.size()) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		String value = arguments.get(at + 1);
		arguments.remove(at + 1);
		arguments.remove(at);
		return value;
	}

	private static String argument(List<String> arguments, String usage) {
		if (arguments.size() < 2) {
			throw new IllegalArgumentException("Usage: accuracy " + usage);
		}
		return arguments.get(1);
	}

}
