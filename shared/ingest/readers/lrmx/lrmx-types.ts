/** What reading a 干部任免审批表 (.lrmx) yields: canonical rows, the rest of the form, and every problem met. */
import type { ImportError } from '../../../contract/errors.js';
import type { AppointmentRow, AssessmentRow, CadreRow } from '../../../model/tables.js';
import type { TextEncodingName } from '../encoding.js';
import type { ResumeEntry } from './resume.js';

/** A problem in one .lrmx file, located by the element (its Chinese label as the "column"). */
export interface LrmxIssue {
  readonly file: string;
  /** The element's Chinese label, e.g. '年度考核结果', '简历', '出生年月'; '文件' for the file as a whole. */
  readonly column: string;
  /** The element as written in the file ('NianDuKaoHeJieGuo'); null for file-level problems. */
  readonly element: string | null;
  /** The offending value (at most 200 characters), or null. */
  readonly value: string | null;
  /** Chinese, for the user. */
  readonly reason: string;
  /** 'error': the value was not used; 'warning': it was used but should be checked. */
  readonly severity: 'warning' | 'error';
  /** For 简历 problems: the 1-based line within the 简历 text. */
  readonly line?: number;
}

/** The parts of the form that have no canonical column (kept for display, never loaded into tables). */
export interface LrmxExtras {
  readonly birthPlace: string | null;
  readonly health: string | null;
  readonly proTitle: string | null;
  readonly specialty: string | null;
  readonly ftEduSchool: string | null;
  readonly ftDegreeSchool: string | null;
  readonly isEduSchool: string | null;
  readonly isDegreeSchool: string | null;
  readonly proposedPost: string | null;
  readonly proposedRemoval: string | null;
  readonly rewards: string | null;
  readonly reason: string | null;
  readonly reportingUnit: string | null;
  readonly filledAt: string | null;
  readonly filledBy: string | null;
  /** The 年度考核结果 text as written. */
  readonly assessmentText: string | null;
  /** The 简历 text as written (lines kept). */
  readonly resumeText: string | null;
}

/** One .lrmx file read: one cadre, their appointments (from 简历) and assessments (from 年度考核结果). */
export interface LrmxRecord {
  /** The file name, or the entry's path inside its zip. */
  readonly file: string;
  /** The zip the file came from, or null. */
  readonly container: string | null;
  readonly encoding: TextEncodingName;
  readonly cadre: CadreRow;
  readonly appointments: readonly AppointmentRow[];
  readonly assessments: readonly AssessmentRow[];
  /** Every stage of the 简历, study and undated continuation text included, with its line text. */
  readonly resume: readonly ResumeEntry[];
  readonly extras: LrmxExtras;
  /** The form carried a photo; the photo itself is dropped on reading and never stored. */
  readonly hasPhoto: boolean;
  /** Family members listed (non-empty Item rows); they are not cadres and are not kept. */
  readonly familyCount: number;
  /** Elements the reader does not know (e.g. 'Version', 'JiSuanNianLingShiJian'), at most 50. */
  readonly unknownElements: readonly string[];
  readonly issues: readonly LrmxIssue[];
}

/** A file of a batch that could not be read at all. */
export interface LrmxFailure {
  readonly file: string;
  readonly container: string | null;
  readonly error: ImportError;
}

/** The result of reading many files (and zips of files). */
export interface LrmxBatch {
  readonly records: readonly LrmxRecord[];
  readonly failures: readonly LrmxFailure[];
  /** Entries of zips that are not .lrmx/.lrm (ignored). */
  readonly skipped: readonly string[];
}
