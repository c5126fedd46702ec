use super::*;
use crate::engine::test_cases::{long, Cases};
use crate::i18n::Language;

fn f(text: &str) -> Formula {
    Formula::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

fn at(text: &str, x: f64) -> f64 {
    f(text).eval(x)
}

fn error(text: &str) -> FormulaError {
    Formula::parse(text).expect_err(text)
}

#[test]
fn values_match_hand_computed_ones() {
    // Each expected value is worked out by hand (or is a constant written out), not by the parser.
    let cases: &[(&str, f64, f64)] = &[
        ("abs(x)", -3.0, 3.0),
        ("abs(x)", 2.5, 2.5),
        ("x^2", -3.0, 9.0),
        ("2*x", 4.0, 8.0),
        ("1 + 2*3", 0.0, 7.0),
        ("(1 + 2)*3", 0.0, 9.0),
        ("2^3^2", 0.0, 512.0),
        ("(2^3)^2", 0.0, 64.0),
        ("-x^2", 3.0, -9.0),
        ("(-x)^2", 3.0, 9.0),
        ("2^-1", 0.0, 0.5),
        ("-2^2", 0.0, -4.0),
        ("8/4/2", 0.0, 1.0),
        ("8 - 4 - 2", 0.0, 2.0),
        ("--x", 5.0, 5.0),
        ("x - -x", 5.0, 10.0),
        ("+x", 5.0, 5.0),
        (".5*x", 4.0, 2.0),
        ("1e-3*x", 2000.0, 2.0),
        ("2.5E2", 0.0, 250.0),
        ("sqrt(x)", 16.0, 4.0),
        ("min(x, 1)", 3.0, 1.0),
        ("max(x, 1)", 3.0, 3.0),
        ("min(x, 1)", -3.0, -3.0),
        ("max(-x, 2*x)", -2.0, 2.0),
        ("step(x)", -0.5, 0.0),
        ("step(x)", 0.0, 1.0),
        ("step(x)", 7.0, 1.0),
        ("exp(0)", 0.0, 1.0),
        ("log(1)", 0.0, 0.0),
        ("sin(0) + cos(0)", 0.0, 1.0),
        ("tan(0) + tanh(0)", 0.0, 0.0),
        ("pi", 0.0, std::f64::consts::PI),
        ("e", 0.0, std::f64::consts::E),
        ("2*e", 0.0, 2.0 * std::f64::consts::E),
        ("X", 6.0, 6.0),
        ("  3 *  ( x + 1 ) ", 1.0, 6.0),
    ];
    for &(text, x, expected) in cases {
        let value = at(text, x);
        assert!(
            (value - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "{text} at {x}: {value}, expected {expected}"
        );
    }
    // Transcendental values against decimal constants written out.
    assert!((at("sin(2*pi*x)", 0.25) - 1.0).abs() < 1e-15);
    assert!((at("log(e)", 0.0) - 1.0).abs() < 1e-15);
    assert!((at("tanh(x)", 1.0) - 0.761_594_155_955_764_9).abs() < 1e-15);
    assert!((at("exp(x)", 2.0) - 7.389_056_098_930_65).abs() < 1e-14);
}

#[test]
fn two_x_is_exactly_the_seeds_target() {
    let two_x = Formula::default();
    assert!(two_x.is_default() && f("2*x").is_default() && f(" 2 * x ").is_default());
    assert!(!f("x*2").is_default());
    for x in [1.0, 0.1, -3.7, 999.0, 1e-300, 123_456.789] {
        // The seed's target is `slope * x + intercept` with slope 2, intercept 0.
        assert_eq!(two_x.eval(x).to_bits(), (2.0 * x + 0.0).to_bits(), "{x}");
    }
}

#[test]
fn powers_are_libms_pow() {
    for (a, b) in [(2.0, 0.5), (1.1, 7.3), (10.0, -3.0)] {
        let text = format!("x^({})", number_text(b));
        assert_eq!(f(&text).eval(a).to_bits(), libm::pow(a, b).to_bits());
    }
}

#[test]
fn canonical_text_reads_back_as_the_same_formula() {
    let cases: &[(&str, &str)] = &[
        ("2 * x", "2*x"),
        ("abs( x )", "abs(x)"),
        ("-x^2", "-x^2"),
        ("(-x)^2", "(-x)^2"),
        ("2^3^2", "2^3^2"),
        ("(2^3)^2", "(2^3)^2"),
        ("1-(2-3)", "1-(2-3)"),
        ("(1-2)-3", "1-2-3"),
        ("1+(2+3)", "1+(2+3)"),
        ("a", ""),
        ("8/(4/2)", "8/(4/2)"),
        ("(8*4)/2", "8*4/2"),
        ("-(x*2)", "-(x*2)"),
        ("(-x)*2", "-x*2"),
        ("2^(-1)", "2^-1"),
        ("x - (-x)", "x--x"),
        ("+x", "x"),
        ("min(x,max(1,2))", "min(x,max(1,2))"),
        ("0.001*x", "0.001*x"),
        ("0.0000001*x", "1e-7*x"),
        ("1e300", "1e300"),
        ("sin(2*pi*x)", "sin(2*pi*x)"),
        ("2^-x^2", "2^-x^2"),
        ("(2^-x)^2", "(2^-x)^2"),
    ];
    for &(text, canonical) in cases {
        let Ok(formula) = Formula::parse(text) else {
            assert_eq!(canonical, "", "{text} should parse");
            continue;
        };
        assert_eq!(formula.to_string(), canonical, "{text}");
        assert_eq!(f(canonical), formula, "{canonical} reads back");
    }
}

#[test]
fn errors_say_where_and_why() {
    use FormulaErrorKind as K;
    let cases: Vec<(&str, usize, FormulaErrorKind)> = vec![
        ("", 0, K::Empty),
        ("   ", 0, K::Empty),
        ("abs(x", 5, K::MissingClose),
        ("x)", 1, K::UnmatchedClose),
        ("2x", 1, K::ExpectedOperator),
        ("x x", 2, K::ExpectedOperator),
        ("x +", 3, K::ExpectedValue),
        ("* x", 0, K::ExpectedValue),
        ("y + 1", 0, K::UnknownName("y".into())),
        ("2*foo(x)", 2, K::UnknownName("foo".into())),
        ("x # 1", 2, K::Unexpected('#')),
        ("1.2.3", 0, K::BadNumber("1.2.3".into())),
        ("1e999", 0, K::BadNumber("1e999".into())),
        ("abs x", 4, K::NeedsParentheses("abs".into())),
        (
            "min(x)",
            5,
            K::WrongArguments {
                name: "min",
                takes: 2,
            },
        ),
        (
            "min(x,1,2)",
            7,
            K::WrongArguments {
                name: "min",
                takes: 2,
            },
        ),
        (
            "sin(x,1)",
            5,
            K::WrongArguments {
                name: "sin",
                takes: 1,
            },
        ),
        ("(x,1)", 2, K::Unexpected(',')),
        ("x,1", 1, K::Unexpected(',')),
        ("()", 1, K::ExpectedValue),
    ];
    for (text, position, kind) in cases {
        let e = error(text);
        assert_eq!((e.at, &e.kind), (position, &kind), "{text:?}");
        let words = e.text(Language::En);
        assert!(
            words.contains(&format!("{}", position + 1)),
            "{text:?}: {words}"
        );
    }
    assert_eq!(error(&"x+".repeat(600)).kind, K::TooLong);
    let deep = format!("{}x{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(error(&deep).kind, K::TooDeep);
    assert_eq!(error(&format!("{}x", "-".repeat(100))).kind, K::TooDeep);
    let fine = format!("{}x{}", "(".repeat(40), ")".repeat(40));
    assert_eq!(f(&fine), f("x"));
}

#[test]
fn check_on_names_the_first_x_where_the_formula_fails() {
    let xs = [2.0, 1.0, 0.0, -1.0];
    assert_eq!(f("abs(x)").check_on(&xs), None);
    assert_eq!(
        f("log(x)").check_on(&xs),
        Some(NotFinite {
            x: 0.0,
            kind: NotFiniteKind::Infinite
        })
    );
    assert_eq!(
        f("sqrt(x)").check_on(&xs),
        Some(NotFinite {
            x: -1.0,
            kind: NotFiniteKind::NotANumber
        })
    );
    assert_eq!(
        f("1/x").check_on(&xs).map(|n| n.x.to_bits()),
        Some(0.0f64.to_bits())
    );
    assert_eq!(
        f("exp(100*x)").check_on(&xs),
        // e^200 and e^100 are beyond float32's 3.4e38: the first x of the list is named.
        Some(NotFinite {
            x: 2.0,
            kind: NotFiniteKind::BeyondFloat32
        })
    );
    let words = f("log(x)")
        .check_on(&xs)
        .map(|n| n.phrase().render(Language::En))
        .unwrap_or_default();
    assert!(words.contains("x = 0"), "{words}");
}

#[test]
fn every_example_opens_without_notices_on_its_formula() {
    for &(formula, link) in EXAMPLES {
        let config = crate::engine::Config::from_query_strict(link)
            .unwrap_or_else(|n| panic!("{link}: {n:?}"));
        assert_eq!(config.target, f(formula), "{link}");
    }
}

#[test]
fn numpy_spelling_follows_pythons_precedence() {
    let cases = [
        ("abs(x)", "np.abs(x)"),
        ("x^2", "x**2"),
        ("-x^2", "-x**2"),
        ("sin(2*pi*x) + e", "np.sin(2*np.pi*x) + np.e"),
        ("min(x,0) - max(x,1)", "np.minimum(x, 0) - np.maximum(x, 1)"),
        ("step(x)", "np.heaviside(x, 1.0)"),
        ("2^-x", "2**-x"),
        ("(x+1)^2", "(x + 1)**2"),
    ];
    for (text, numpy) in cases {
        assert_eq!(f(text).to_numpy(), numpy, "{text}");
    }
}

#[test]
fn random_text_never_panics_and_every_refusal_names_a_problem() {
    const PIECES: &[&str] = &[
        "x",
        "2",
        ".5",
        "1e-3",
        "1e",
        "e",
        "pi",
        "+",
        "-",
        "*",
        "/",
        "^",
        "(",
        ")",
        ",",
        " ",
        "abs(",
        "sqrt(",
        "exp(",
        "log(",
        "sin(",
        "cos(",
        "tan(",
        "tanh(",
        "min(",
        "max(",
        "step(",
        "y",
        "日",
        "π",
        "−",
        "9999999999",
        "0",
        "#",
        "((((",
        "))))",
        "1.2.3",
    ];
    let count = if long() { 100_000 } else { 3_000 };
    let mut cases = Cases(22);
    for case in 0..count {
        let pieces = cases.below(30);
        let text: String = (0..pieces)
            .map(|_| PIECES[cases.below(PIECES.len())])
            .collect();
        match Formula::parse(&text) {
            Ok(formula) => {
                let canonical = formula.to_string();
                assert_eq!(
                    Formula::parse(&canonical).as_ref(),
                    Ok(&formula),
                    "case {case}: {text:?} → {canonical:?}"
                );
                let _ = formula.eval(cases.below(7) as f64 - 3.0);
                let _ = formula.to_numpy();
            }
            Err(e) => {
                for language in [Language::En, Language::Zh] {
                    let words = e.text(language);
                    assert!(
                        words.contains(&(e.at + 1).to_string()) && words.len() > 8,
                        "case {case}: {text:?}: {words}"
                    );
                }
                assert!(e.at <= text.chars().count(), "case {case}: {text:?}");
            }
        }
    }
}

/// Text of `count` pieces joined by `between`, cut to at most `chars` characters on a piece.
fn repeated(piece: &str, between: &str, chars: usize) -> String {
    let mut text = piece.to_string();
    while text.chars().count() + between.chars().count() + piece.chars().count() <= chars {
        text.push_str(between);
        text.push_str(piece);
    }
    text
}

#[test]
fn a_formula_typed_within_the_limit_is_never_too_long_once_written_the_canonical_way() {
    // The spellings that grow when written back: π (pi), .5 (0.5), 1e-3 (0.001), 12e9
    // (1.2e10), 12e-5 (0.00012), × and − (one character each way), and spaces (dropped).
    for (piece, between) in [
        ("π", "*"),
        ("π", "-"),
        (".5", "+"),
        ("1e-3", "+"),
        ("12e9", "-"),
        ("12e-5", "/"),
        ("sin(π*x)", "+"),
        ("(.5)", "×"),
        (" π ", "−"),
    ] {
        for chars in [MAX_FORMULA_CHARS - 1, MAX_FORMULA_CHARS] {
            let typed = repeated(piece, between, chars);
            assert!(typed.chars().count() <= MAX_FORMULA_CHARS);
            let formula = f(&typed);
            let canonical = formula.to_string();
            assert_eq!(
                Formula::parse(&canonical).as_ref(),
                Ok(&formula),
                "{piece:?}: {} typed, {} canonical",
                typed.chars().count(),
                canonical.len()
            );
        }
    }
    // The canonical text of 500 π is longer than the limit, and still read.
    assert!(f(&repeated("π", "*", MAX_FORMULA_CHARS)).to_string().len() > MAX_FORMULA_CHARS);
    // One character more than the limit of text that does not shrink is refused, where it passes.
    let over = repeated("x", "+", MAX_FORMULA_CHARS + 1);
    assert_eq!(over.len(), MAX_FORMULA_CHARS + 1);
    let e = error(&over);
    assert_eq!(
        (e.kind, e.at),
        (FormulaErrorKind::TooLong, MAX_FORMULA_CHARS)
    );
    assert_eq!(error(&"x ".repeat(2000)).kind, FormulaErrorKind::TooLong);
}

/// The bound the limit's measure relies on: however a number is typed, its canonical text is at
/// most 2 characters longer.
#[test]
fn a_numbers_canonical_text_is_at_most_two_longer_than_any_typing_of_it() {
    let mut typings = Vec::new();
    for digits in [
        "1", "5", "12", "99", "125", "1001", "3.5", "12.25", "0.5", ".5", ".125", "5.",
    ] {
        typings.push(digits.to_string());
        for exponent in -25..=25 {
            typings.push(format!("{digits}e{exponent}"));
            typings.push(format!("{digits}E+{exponent}"));
        }
    }
    for zeros in 0..25 {
        for digits in ["1", "12", "125"] {
            typings.push(format!("0.{}{digits}", "0".repeat(zeros)));
            typings.push(format!(".{}{digits}", "0".repeat(zeros)));
            typings.push(format!("{digits}{}", "0".repeat(zeros)));
        }
    }
    for typed in typings {
        let Ok(value) = typed.replace("E+", "e").parse::<f64>() else {
            continue;
        };
        let canonical = number_text(value);
        assert!(
            canonical.len() <= typed.len() + 2,
            "{typed} prints {canonical}"
        );
        assert_eq!(canonical.parse::<f64>(), Ok(value), "{typed}");
    }
}
