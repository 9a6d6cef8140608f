//! The stable codes of diagnostics. A code never changes meaning once
//! released: `clas-rules explain E0203` explains it from
//! `docs/codes/<lang>/E0203.md`, and editors link to that explanation.
//! `E` codes are errors, `W` codes warnings. The hundreds group the areas:
//! 00 syntax, 01 header and `extends`, 02 names, 03 types and units,
//! 04 rules, values and assertions, 05 applications, 06 evaluation.

use crate::diagnostic::Severity;

/// A diagnostic code, such as `E0203`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    /// The code as printed: `E0203`.
    pub const fn id(self) -> &'static str {
        self.0
    }

    /// Error for `E` codes, warning for `W` codes.
    pub fn severity(self) -> Severity {
        if self.0.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The code of a text such as `E0203` or `e0203`, when it is one of ours.
    pub fn parse(text: &str) -> Option<Code> {
        let wanted = text.trim().to_ascii_uppercase();
        ALL.iter().copied().find(|code| code.0 == wanted)
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $id:literal;)*) => {
        $($(#[$doc])* pub const $name: Code = Code($id);)*
        /// Every code the tool can emit.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

codes! {
    // ------------------------------------------------------------ syntax
    /// What was written is not the language: expected this, found that.
    SYNTAX = "E0001";
    /// A text opened with `"` is not closed on its line.
    UNCLOSED_TEXT = "E0002";
    /// A decimal point in a number (`32.5 %`) instead of a comma.
    DECIMAL_POINT = "E0003";
    /// A declaration keyword indented under the previous declaration.
    INDENTED_DECLARATION = "E0004";
    /// Brackets, operations or types nested too deep.
    TOO_DEEP = "E0005";
    /// An unknown escape (`\x`) in a text.
    UNKNOWN_ESCAPE = "E0006";
    /// The same header key (`year`, `source`…) given twice.
    DUPLICATE_HEADER_KEY = "E0007";
    /// A date that is not a day of the calendar (`2023-02-30`).
    IMPOSSIBLE_DATE = "E0008";
    /// A number too large, or with too many digits to be kept exactly.
    NUMBER_TOO_LARGE = "E0009";
    /// A declaration that could not be read at all.
    MALFORMED_DECLARATION = "E0010";
    /// `drop field` without the record the field belongs to.
    DROP_FIELD_WITHOUT_RECORD = "E0011";
    /// A date written the way letters write it (`12/06/2023`).
    DATE_WITH_SLASHES = "E0012";
    /// A name with a space, a hyphen or an apostrophe in it.
    NAME_WITH_SPACE = "E0013";
    /// An amount or a rate without its unit (`7 885` for `7 885 €`).
    MISSING_UNIT = "E0014";
    /// A French quotation mark or typographic quote used for a text.
    TYPOGRAPHIC_QUOTE = "E0015";

    // ------------------------------------------------------------ header, extends
    /// The file has no `rulebook` header.
    MISSING_HEADER = "E0101";
    /// The rulebook declares no `input`.
    MISSING_INPUT = "E0102";
    /// A second header or a second `input`.
    SECOND_HEADER = "E0103";
    /// `year` is not a school year such as `2023-2024`.
    NOT_A_SCHOOL_YEAR = "E0104";
    /// The header gives no `year`.
    MISSING_YEAR = "E0105";
    /// The rulebook named by `extends` could not be loaded.
    EXTENDS_NOT_LOADED = "E0106";
    /// `override`, `drop` or `extend` in a rulebook that extends none.
    CHANGE_WITHOUT_EXTENDS = "E0107";
    /// `extends` names a year with no rulebook.
    EXTENDS_UNKNOWN_YEAR = "E0108";
    /// Rulebooks that extend each other in a circle.
    EXTENDS_CYCLE = "E0109";
    /// `extends` leads out of the rules folder.
    EXTENDS_OUTSIDE = "E0110";
    /// A declaration that already exists in the extended rulebook, without `override`.
    MISSING_OVERRIDE = "E0111";
    /// `override` of something the extended rulebook does not have.
    OVERRIDE_UNKNOWN = "E0112";
    /// `override` that changes a parameter's type.
    OVERRIDE_CHANGES_TYPE = "E0113";
    /// `drop` of something the extended rulebook does not have.
    DROP_UNKNOWN = "E0114";
    /// `extend record` that adds a field the record already has.
    EXTEND_DUPLICATE_FIELD = "E0116";
    /// `extend` of a record or enumeration the extended rulebook does not have.
    EXTEND_UNKNOWN = "E0117";
    /// A rulebook file that cannot be read, or no rulebook for a year.
    RULEBOOK_NOT_FOUND = "E0118";
    /// `layer` gives a name that cannot name a layer.
    NOT_A_LAYER_NAME = "E0119";
    /// `over` names a layer with no rulebook for the year, or a Caf has no
    /// rulebook for the year.
    LAYER_NOT_FOUND = "E0120";

    // ------------------------------------------------------------ names
    /// A name declared twice.
    DUPLICATE_NAME = "E0201";
    /// A built-in type's name used for a declaration.
    RESERVED_NAME = "E0202";
    /// A name that is not declared.
    UNKNOWN_NAME = "E0203";
    /// A field that the record does not have.
    UNKNOWN_FIELD = "E0204";
    /// A type that is not declared.
    UNKNOWN_TYPE = "E0205";
    /// A function that does not exist.
    UNKNOWN_FUNCTION = "E0206";
    /// A value that belongs to several enumerations.
    AMBIGUOUS_VALUE = "E0207";
    /// A value that is not one of its enumeration.
    UNKNOWN_ENUM_VALUE = "E0208";
    /// A message quotes an unknown parameter (`{taux}`).
    UNKNOWN_PARAMETER_IN_MESSAGE = "E0209";
    /// A type used as a value, or a function without its arguments.
    NOT_A_VALUE = "E0210";

    // ------------------------------------------------------------ types and units
    /// A value of one type where another is expected.
    TYPE_MISMATCH = "E0301";
    /// An operation between values it does not apply to (`money * money`).
    BAD_OPERATION = "E0302";
    /// A function given the wrong number of arguments.
    WRONG_ARGUMENT_COUNT = "E0303";
    /// A function given an argument of the wrong kind.
    BAD_ARGUMENT = "E0304";
    /// `round` with an unknown unit or mode.
    BAD_ROUNDING = "E0305";
    /// A value that may be absent, used without `if let`.
    MAYBE_ABSENT = "E0306";
    /// `if let` on a value that is always present.
    NEVER_ABSENT = "E0307";
    /// A record that contains itself.
    ENDLESS_RECORD = "E0308";
    /// A range of values that cannot be ordered.
    BAD_RANGE = "E0309";
    /// An aggregate (`sum`, `count`…) written wrongly.
    BAD_AGGREGATE = "E0310";
    /// `eligible` or `for` on something other than a list of the application.
    NOT_AN_APPLICATION_LIST = "E0311";
    /// A literal too large for its type.
    LITERAL_TOO_LARGE = "E0312";

    // ------------------------------------------------------------ rules, values, assertions
    /// A rule without `message`.
    RULE_WITHOUT_MESSAGE = "E0401";
    /// A clause (`message`, `label`) where it does not belong.
    MISPLACED_CLAUSE = "E0402";
    /// Declarations that depend on each other.
    CYCLE = "E0403";
    /// A parameter or an assertion computed from the application.
    DEPENDS_ON_APPLICATION = "E0404";
    /// An assertion that does not hold.
    ASSERTION_FAILS = "E0405";
    /// A computation that nests too deep through the declarations it uses.
    EVALUATION_TOO_DEEP = "E0407";
    /// A message that quotes a value depending on the application.
    MESSAGE_QUOTES_APPLICATION = "E0408";

    // ------------------------------------------------------------ applications
    /// The application is not JSON.
    JSON_SYNTAX = "E0501";
    /// JSON nested too deep.
    JSON_TOO_DEEP = "E0502";
    /// The application is not an object.
    NOT_AN_OBJECT = "E0503";
    /// A field of the application is missing.
    MISSING_FIELD = "E0504";
    /// A field that the rulebook does not know.
    UNEXPECTED_FIELD = "E0505";
    /// A field given twice.
    DUPLICATE_FIELD = "E0506";
    /// A value of the wrong kind (a text for a number…).
    WRONG_VALUE = "E0507";
    /// A number that is not acceptable (negative, too many decimals, too large).
    BAD_NUMBER = "E0508";
    /// A date that is not acceptable.
    BAD_DATE = "E0509";
    /// A value that is not one of the allowed ones.
    NOT_ALLOWED = "E0510";
    /// No rulebook for the application's school year.
    NO_RULEBOOK_FOR_YEAR = "E0511";
    /// A CSV file whose header or row does not fit.
    BAD_CSV = "E0512";
    /// A line that is not UTF-8 text.
    NOT_UTF8 = "E0513";
    /// An application (or `--caf`) names a Caf the rules folder does not know.
    UNKNOWN_CAF = "E0514";

    // ------------------------------------------------------------ evaluation
    /// A computation that overflows exact arithmetic.
    OVERFLOW = "E0601";
    /// A division by zero.
    DIVISION_BY_ZERO = "E0602";
    /// A fault of the tool itself (never expected).
    INTERNAL = "E0699";

    // ------------------------------------------------------------ warnings
    /// A parameter, value or function nothing uses.
    UNUSED = "W0101";
    /// A figure written in a rule instead of a parameter.
    BARE_FIGURE = "W0102";
    /// A parameter or rule without `source`.
    MISSING_SOURCE = "W0103";
    /// An amount never rounded.
    NEVER_ROUNDED = "W0104";
    /// An `override` that gives the value already inherited.
    OVERRIDE_SAME_VALUE = "W0105";
    /// The national value under a Caf's `override` changed since the year before.
    NATIONAL_CHANGED_UNDER_OVERRIDE = "W0106";
}
