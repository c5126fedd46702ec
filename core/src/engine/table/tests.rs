//! The reader's tests: the files people bring, and generated ones checked against what their
//! generator wrote.

use super::*;
use crate::engine::bounds::NotFiniteKind;
use crate::engine::test_cases::{long, Cases};
use crate::i18n::Language;

fn chosen(x: usize, y: usize) -> Reading {
    Reading {
        columns: Some(Columns { x, y }),
        skip_bad: false,
    }
}

fn points(text: &str) -> Points {
    read_table(text, Reading::default())
        .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
        .points
}

fn bad_lines(text: &str) -> Vec<BadLine> {
    match read_table(text, Reading::default()) {
        Err(DataError::BadLines(lines)) => lines,
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn a_preview_is_the_first_lines_and_counts_them_all() {
    let text = "x,y\r\n1,2\r\n3,4\r\n5,6";
    assert_eq!(preview(text, 2), ("x,y\r\n1,2", 4));
    assert_eq!(preview(text, 9), (text, 4));
    assert_eq!(preview(text, 0), ("", 4));
    assert_eq!(preview("", 3), ("", 0));
    assert_eq!(preview("a\nb\n", 1), ("a", 2));
    assert_eq!(preview("a\nb\n", 2), ("a\nb", 2));
    // Every character kept whole (a cut inside a multi-byte character would panic).
    assert_eq!(preview("é,ü\n中,文", 1), ("é,ü", 2));
}

#[test]
fn comma_tab_semicolon_and_space_files_read_the_same_points() {
    let expected_x = [1.0, 2.5, -3.0];
    let expected_y = [2.0, 5.0, -6.0];
    for text in [
        "1,2\n2.5,5\n-3,-6\n",
        "1\t2\n2.5\t5\n-3\t-6",
        "1;2\n2,5;5\n-3;-6\n",
        "1 2\n2.5   5\n-3 -6\n",
        "x,y\n1,2\n2.5,5\n-3,-6\n",
        "\u{feff}x;y\r\n1;2\r\n2,5;5\r\n-3;-6\r\n",
        "\n\n1,2\n\n  \n2.5,5\r\n-3,-6\n\n",
        "\"x\",\"y\"\n\"1\",\"2\"\n2.5,5\n-3,-6",
        "1\t2\n2,5\t5\n-3\t-6",
    ] {
        let p = points(text);
        assert_eq!(p.x(), expected_x, "{text:?}");
        assert_eq!(p.y(), expected_y, "{text:?}");
    }
}

#[test]
fn header_and_chosen_columns_of_a_wider_file() {
    let text = "time,x,noise,y\n0,1,9,10\n1,2,9,20\n2,3,9,30\n";
    let table = read_table(text, chosen(1, 3)).unwrap();
    assert_eq!(table.points.x(), [1.0, 2.0, 3.0]);
    assert_eq!(table.points.y(), [10.0, 20.0, 30.0]);
    assert_eq!(table.layout.width(), 4);
    assert_eq!(
        table.layout.header,
        Some(vec!["time".into(), "x".into(), "noise".into(), "y".into()])
    );
    assert_eq!(table.layout.delimiter, Delimiter::Comma);
    assert_eq!(table.columns, Columns { x: 1, y: 3 });
}

#[test]
fn a_column_beyond_the_lines_is_named_on_every_line() {
    match read_table("1,2\n3,4\n", chosen(0, 2)) {
        Err(DataError::BadLines(lines)) => {
            assert_eq!(lines.len(), 2);
            assert_eq!(
                lines[0].problem,
                LineProblem::TooFewColumns {
                    found: 2,
                    needed: Column::numbered(2)
                }
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_bad_line_is_named_by_number_and_content() {
    let text = "x,y\n1,2\n2,abc\n3,4\n\n4,inf\n5\n6,NaN\n7,1e39\n";
    let lines = bad_lines(text);
    let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
    assert_eq!(numbers, [3, 6, 7, 8, 9]);
    assert_eq!(lines[0].content, "2,abc");
    assert_eq!(
        lines[0].problem,
        LineProblem::NotANumber {
            column: Column {
                index: 1,
                name: Some("y".into())
            },
            text: "abc".into()
        }
    );
    assert!(matches!(
        lines[1].problem,
        LineProblem::NotFinite {
            kind: NotFiniteKind::Infinite,
            ..
        }
    ));
    assert_eq!(
        lines[2].problem,
        LineProblem::TooFewColumns {
            found: 1,
            needed: Column {
                index: 1,
                name: Some("y".into())
            }
        }
    );
    assert!(matches!(
        lines[3].problem,
        LineProblem::NotFinite {
            kind: NotFiniteKind::NotANumber,
            ..
        }
    ));
    assert!(matches!(
        lines[4].problem,
        LineProblem::NotFinite {
            kind: NotFiniteKind::BeyondFloat32,
            ..
        }
    ));
    for language in [Language::En, Language::Zh] {
        let words = lines[0].text(language);
        assert!(words.contains('3') && words.contains("2,abc"), "{words}");
    }
    let all = DataError::BadLines(lines).text(Language::En);
    assert!(all.contains('5') && all.contains("6,NaN"), "{all}");
}

#[test]
fn mixed_delimiters_are_refused_line_by_line() {
    let lines = bad_lines("1,2\n2;3\n3\t4\n4,5\n");
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.line, l.problem.clone()))
            .collect::<Vec<_>>(),
        [
            (
                2,
                LineProblem::MixedDelimiters {
                    found: Delimiter::Semicolon,
                    expected: Delimiter::Comma
                }
            ),
            (
                3,
                LineProblem::MixedDelimiters {
                    found: Delimiter::Tab,
                    expected: Delimiter::Comma
                }
            ),
        ]
    );
    let tabs = bad_lines("1\t2\n2,3\n");
    assert_eq!(tabs[0].line, 2);
}

#[test]
fn empty_one_row_same_x_and_too_large_inputs_are_refused() {
    let refuse = |text: &str| read_table(text, Reading::default()).unwrap_err();
    assert_eq!(refuse(""), DataError::Empty);
    assert_eq!(refuse("\u{feff}\r\n\n  "), DataError::Empty);
    assert_eq!(refuse("x,y\n"), DataError::Empty);
    assert_eq!(refuse("x,y\n1,2\n"), DataError::OneRow);
    assert_eq!(refuse("3,1\n3,2\n3,5\n"), DataError::SameX { x: 3.0 });
    assert_eq!(
        check_size(10 * 1024 * 1024 + 1),
        Err(DataError::TooLarge { bytes: 10_485_761 })
    );
    // 10 MB and more: 10 MB itself is refused, a byte less is read.
    assert_eq!(
        check_size(10 * 1024 * 1024),
        Err(DataError::TooLarge { bytes: 10_485_760 })
    );
    assert_eq!(check_size(10 * 1024 * 1024 - 1), Ok(()));
    let words = refuse("3,1\n3,2\n").text(Language::En);
    assert!(words.contains('3'), "{words}");
}

#[test]
fn a_hundred_thousand_rows_are_read_and_one_more_is_refused() {
    let mut text = String::from("x,y\n");
    for i in 0..MAX_POINTS {
        text.push_str(&format!("{i},{}\n", 2 * i));
    }
    let start = std::time::Instant::now();
    let table = read_table(&text, Reading::default()).unwrap();
    let elapsed = start.elapsed();
    assert_eq!(table.points.len(), MAX_POINTS);
    assert_eq!(table.points.y()[99_999], 199_998.0);
    // Debug builds are slow; the release figure is in benches/epochs.rs.
    assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
    text.push_str("1,2\n");
    assert_eq!(
        read_table(&text, Reading::default()),
        Err(DataError::TooManyRows)
    );
    // So is a file of more than 100,000 lines that are not data.
    let junk = "a,b\n".repeat(MAX_POINTS + 2);
    assert_eq!(
        read_table(&junk, Reading::default()),
        Err(DataError::TooManyRows)
    );
}

#[test]
fn random_files_never_panic_and_every_refusal_names_a_problem() {
    const PIECES: &[&str] = &[
        "1", "2.5", "-3", "1e5", "abc", "x", "y", ",", ";", "\t", " ", "\n", "\r\n", "\u{feff}",
        "NaN", "inf", "1,5", "\"", "日本", "1e400", "", "0", ".", "-",
    ];
    let count = if long() { 100_000 } else { 3_000 };
    let mut cases = Cases(11);
    for case in 0..count {
        let text: String = (0..cases.below(60))
            .map(|_| PIECES[cases.below(PIECES.len())])
            .collect();
        let columns = Columns {
            x: cases.below(3),
            y: cases.below(3),
        };
        match read_table(
            &text,
            Reading {
                columns: Some(columns),
                skip_bad: false,
            },
        ) {
            Ok(table) => {
                assert!(table.points.len() >= 2, "case {case}: {text:?}");
                let back = Points::from_link_text(table.points.link_text()).unwrap();
                assert_eq!(back, table.points, "case {case}");
            }
            Err(e) => {
                for language in [Language::En, Language::Zh] {
                    assert!(e.text(language).len() > 8, "case {case}: {text:?}");
                }
                if let DataError::BadLines(lines) = &e {
                    let count = text.split('\n').count();
                    assert!(
                        lines.iter().all(|l| (1..=count).contains(&l.line)),
                        "case {case}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_csv_file_reads_back_as_the_same_points() {
    let p = Points::new(vec![0.1, -2.0, 1e-20], vec![1.0 / 3.0, 5e30, -0.0]).unwrap();
    let again = points(&p.to_csv(("x", "y")));
    assert_eq!(again, p);
}

/// The tests' penguins: a file shaped like the Palmer penguins CSV (tests/fixtures/make_penguins.py).
const PENGUINS: &str = include_str!("../../../../tests/fixtures/penguins.csv");

/// The fixture read the plainest way (split on commas, `NA` missing), for the oracle.
fn penguin_rows() -> Vec<Vec<&'static str>> {
    PENGUINS
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect()
}

#[test]
fn a_penguins_file_offers_its_numeric_columns_by_name_and_never_its_text() {
    let layout = layout(PENGUINS).unwrap();
    let names = [
        "species",
        "island",
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
        "sex",
        "year",
    ];
    assert_eq!(layout.header.as_deref(), Some(&names.map(String::from)[..]));
    use ColumnKind::{Numbers as N, Text as T};
    assert_eq!(layout.kinds, [T, T, N, N, N, N, T, N]);
    assert!(layout.offers_choice());
    // The first two numeric columns, by default.
    assert_eq!(layout.default_columns(), Ok(Columns { x: 2, y: 3 }));
    assert_eq!(layout.find("flipper_length_mm"), Ok(4));
    assert_eq!(layout.find("Body_Mass_G"), Ok(5));
    assert_eq!(layout.find("6"), Ok(5));
    assert!(matches!(
        layout.find("mass"),
        Err(DataError::NoSuchColumn { .. })
    ));
    assert!(matches!(
        layout.find("9"),
        Err(DataError::NoSuchColumn { .. })
    ));
    // A text column is refused whole, by name, never read line by line.
    let species = read_table(PENGUINS, chosen(0, 5)).unwrap_err();
    assert_eq!(
        species,
        DataError::TextColumn {
            column: 0,
            name: Some("species".into())
        }
    );
    assert!(species.text(Language::En).contains("species"));
}

#[test]
fn bad_lines_are_refused_unless_skipped_and_then_each_is_named() {
    let columns = Some(Columns { x: 4, y: 5 });
    let strict = read_table(
        PENGUINS,
        Reading {
            columns,
            skip_bad: false,
        },
    );
    let Err(DataError::BadLines(lines)) = strict else {
        panic!("{strict:?}");
    };
    // The oracle: the lines of the file whose flipper or mass is NA (lines counted from 1).
    let rows = penguin_rows();
    let na: Vec<usize> = (rows.iter().enumerate())
        .filter(|(_, r)| r[4] == "NA" || r[5] == "NA")
        .map(|(i, _)| i + 2)
        .collect();
    assert_eq!(na, [5, 341]);
    assert_eq!(lines.iter().map(|l| l.line).collect::<Vec<_>>(), na);
    let table = read_table(
        PENGUINS,
        Reading {
            columns,
            skip_bad: true,
        },
    )
    .unwrap();
    assert_eq!(table.skipped, lines);
    let good: Vec<&Vec<&str>> = rows.iter().filter(|r| r[4] != "NA").collect();
    assert_eq!(table.points.len(), 342);
    for (i, row) in good.iter().enumerate() {
        assert_eq!(table.points.x()[i], row[4].parse::<f64>().unwrap());
        assert_eq!(table.points.y()[i], row[5].parse::<f64>().unwrap());
    }
    // Nothing is skipped that is not bad: a good file skips nothing.
    let clean = read_table(
        "a,b\n1,2\n3,4\n",
        Reading {
            columns: None,
            skip_bad: true,
        },
    )
    .unwrap();
    assert!(clean.skipped.is_empty());
}

#[test]
fn quoted_fields_may_hold_the_delimiter_and_quotes() {
    let text = "\"name, long\",x,y\n\"Biscoe, north\",1,2\n\"say \"\"hi\"\"\",3,4\nplain,5,6\n";
    let layout = layout(text).unwrap();
    assert_eq!(layout.name(0), Some("name, long"));
    assert_eq!(layout.kinds.len(), 3);
    let table = read_table(text, Reading::default()).unwrap();
    assert_eq!(table.columns, Columns { x: 1, y: 2 });
    assert_eq!(table.points.x(), [1.0, 3.0, 5.0]);
    assert_eq!(table.points.y(), [2.0, 4.0, 6.0]);
    // A `;` inside quotes does not make a comma file's line mixed.
    let table = read_table("x,y,note\n1,2,\"a;b\"\n3,4,\"c\td\"\n", Reading::default()).unwrap();
    assert_eq!(table.points.len(), 2);
}

#[test]
fn files_that_are_not_text_are_refused_from_their_first_bytes() {
    let png = [
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
    ];
    assert_eq!(check_text(&png), Err(DataError::NotText));
    assert_eq!(check_text(b"x,y\n1,\x002\n"), Err(DataError::NotText));
    // Latin-1 bytes are not UTF-8: refused (the page would show them as replacement characters).
    assert_eq!(check_text(b"x,y\n\xe9,1\n"), Err(DataError::NotText));
    assert_eq!(check_text(&[0xff, 0xfe, b'x', 0]), Err(DataError::Utf16));
    assert_eq!(check_text(b"x,y\n1,2\n"), Ok(()));
    assert_eq!(check_text("é,ü\n1,2".as_bytes()), Ok(()));
    // A character cut by the end of the sample is fine; one cut inside a short file is not.
    let mut long = format!("a{}", "é".repeat(SNIFFED_BYTES / 2 - 1)).into_bytes();
    long.push(0xc3);
    assert_eq!(long.len(), SNIFFED_BYTES);
    assert_eq!(check_text(&long), Ok(()));
    assert_eq!(check_text(&[b'1', 0xc3]), Err(DataError::NotText));
    // Text with a NUL in it (a binary file pasted) is refused by the reader too.
    assert_eq!(
        read_table("1,2\n3,\u{0}4\n", Reading::default()),
        Err(DataError::NotText)
    );
    for error in [DataError::NotText, DataError::Utf16] {
        for language in [Language::En, Language::Zh] {
            assert!(error.text(language).len() > 8);
        }
    }
}

#[test]
fn a_file_too_wide_is_refused_with_its_width() {
    let line = (0..1500)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let text = format!("{line}\n{line}\n");
    assert_eq!(
        read_table(&text, Reading::default()),
        Err(DataError::TooManyColumns { found: 1500 })
    );
    assert!(DataError::TooManyColumns { found: 1500 }
        .text(Language::En)
        .contains("1500"));
    assert_eq!(
        read_table("x,name\n1,a\n2,b\n", Reading::default()),
        Err(DataError::TooFewNumericColumns { numeric: 1 })
    );
}

/// One generated cell: what it is, and its text.
#[derive(Clone, Debug)]
enum Cell {
    Number(f64),
    Missing(&'static str),
    Word(&'static str),
}

/// A generated file: its text and, for each line of it, its cells (`None`: a blank line, or the
/// header).
struct Generated {
    text: String,
    rows: Vec<Option<Vec<Cell>>>,
    header: bool,
}

fn generate(cases: &mut Cases) -> Generated {
    let delimiter = cases.pick(&[
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Space,
    ]);
    let separator = match delimiter {
        Delimiter::Comma => ",",
        Delimiter::Semicolon => ";",
        Delimiter::Tab => "\t",
        Delimiter::Space => " ",
    };
    let width = match cases.below(10) {
        0 => 20 + cases.below(200),
        _ => 2 + cases.below(6),
    };
    let text_columns: Vec<bool> = (0..width).map(|_| cases.below(4) == 0).collect();
    let header = cases.below(2) == 0;
    let ragged = cases.below(3) == 0;
    let line_end = if cases.below(2) == 0 { "\n" } else { "\r\n" };
    let mut text = String::new();
    let mut rows = Vec::new();
    if header {
        let names: Vec<String> = (0..width).map(|c| format!("col{c}")).collect();
        text.push_str(&names.join(separator));
        text.push_str(line_end);
        rows.push(None);
    }
    let count = 1 + cases.below(40);
    for _ in 0..count {
        if cases.below(12) == 0 {
            text.push_str(line_end);
            rows.push(None);
            continue;
        }
        // The first line of a file without a header is whole and all numbers (else it would read as
        // a header, as it should).
        let first = !header && rows.iter().all(Option::is_none);
        let cells_here = if ragged && !first && cases.below(3) == 0 {
            1 + cases.below(width + 2)
        } else {
            width
        };
        let cells: Vec<Cell> = (0..cells_here)
            .map(|c| {
                let text_column = text_columns.get(c).copied().unwrap_or(false);
                if text_column && !first {
                    return Cell::Word(cases.pick(&["Adelie", "Biscoe", "male", "x1"]));
                }
                match cases.below(if first { 1 } else { 12 }) {
                    1 => Cell::Missing(cases.pick(&["NA", "nan", "?"])),
                    2 if delimiter != Delimiter::Space => Cell::Missing(""),
                    3 => Cell::Word("abc"),
                    _ => {
                        let v = (cases.next() % 200_001) as f64 / 100.0 - 1000.0;
                        Cell::Number(v)
                    }
                }
            })
            .collect();
        let texts: Vec<String> = cells
            .iter()
            .map(|cell| match cell {
                Cell::Number(v) if delimiter == Delimiter::Semicolon => {
                    v.to_string().replace('.', ",")
                }
                Cell::Number(v) => v.to_string(),
                Cell::Missing(t) | Cell::Word(t) => t.to_string(),
            })
            .collect();
        let line = texts.join(separator);
        text.push_str(&line);
        text.push_str(line_end);
        // A line of one empty cell is a blank line, and read as one.
        rows.push((!line.trim().is_empty()).then_some(cells));
    }
    Generated { text, rows, header }
}

#[test]
fn generated_files_lose_nothing_every_line_is_used_or_named() {
    let count = if long() { 20_000 } else { 1_500 };
    let mut cases = Cases(17);
    let mut checked = 0;
    for case in 0..count {
        let file = generate(&mut cases);
        let data_lines = file.rows.iter().flatten().count();
        let layout = match layout(&file.text) {
            Ok(layout) => layout,
            Err(DataError::Empty) if data_lines == 0 => continue,
            Err(e) => panic!("case {case}: {e:?}\n{}", file.text),
        };
        assert_eq!(
            layout.header.is_some(),
            file.header,
            "case {case}: {:?}",
            file.text
        );
        // The oracle's kinds: a column holds numbers when its numbers are at least its words.
        let width = layout.width();
        for column in 0..width {
            let (mut numbers, mut words) = (0, 0);
            for cells in file.rows.iter().flatten() {
                match cells.get(column) {
                    Some(Cell::Number(_)) => numbers += 1,
                    Some(Cell::Word(_)) => words += 1,
                    _ => {}
                }
            }
            let expected = if numbers > 0 && numbers >= words {
                ColumnKind::Numbers
            } else {
                ColumnKind::Text
            };
            assert_eq!(
                layout.kinds[column], expected,
                "case {case} column {column}"
            );
        }
        let numeric: Vec<usize> = (0..width)
            .filter(|&c| layout.kinds[c] == ColumnKind::Numbers)
            .collect();
        if numeric.len() < 2 {
            assert!(matches!(
                read_table(&file.text, Reading::default()),
                Err(DataError::TooFewNumericColumns { .. })
            ));
            continue;
        }
        let columns = Columns {
            x: numeric[cases.below(numeric.len())],
            y: numeric[cases.below(numeric.len())],
        };
        // What the generator says each line is: a point, or a bad line (numbered from 1).
        let mut expected_x = Vec::new();
        let mut expected_y = Vec::new();
        let mut expected_bad = Vec::new();
        for (index, cells) in file.rows.iter().enumerate() {
            let Some(cells) = cells else { continue };
            match (cells.get(columns.x), cells.get(columns.y)) {
                (Some(Cell::Number(a)), Some(Cell::Number(b))) => {
                    expected_x.push(*a);
                    expected_y.push(*b);
                }
                _ => expected_bad.push(index + 1),
            }
        }
        let strict = read_table(
            &file.text,
            Reading {
                columns: Some(columns),
                skip_bad: false,
            },
        );
        let skipping = read_table(
            &file.text,
            Reading {
                columns: Some(columns),
                skip_bad: true,
            },
        );
        let distinct_x = expected_x.iter().any(|&v| v != expected_x[0]);
        if expected_x.len() >= 2 && distinct_x {
            let table = skipping.unwrap_or_else(|e| panic!("case {case}: {e:?}\n{}", file.text));
            assert_eq!(table.points.x(), expected_x, "case {case}");
            assert_eq!(table.points.y(), expected_y, "case {case}");
            let skipped: Vec<usize> = table.skipped.iter().map(|l| l.line).collect();
            assert_eq!(skipped, expected_bad, "case {case}");
            match strict {
                Ok(t) => assert!(expected_bad.is_empty() && t.points == table.points),
                Err(DataError::BadLines(lines)) => {
                    assert_eq!(
                        lines.iter().map(|l| l.line).collect::<Vec<_>>(),
                        expected_bad
                    )
                }
                other => panic!("case {case}: {other:?}"),
            }
            checked += 1;
        } else {
            let error = skipping.unwrap_err();
            assert!(
                matches!(
                    error,
                    DataError::Empty | DataError::OneRow | DataError::SameX { .. }
                ),
                "case {case}: {error:?}"
            );
        }
    }
    assert!(checked > count / 3, "{checked} of {count} files had points");
}

#[test]
fn random_bytes_never_panic_and_are_refused_or_read_with_words() {
    let mut cases = Cases(23);
    for case in 0..if long() { 20_000 } else { 1_000 } {
        let bytes: Vec<u8> = (0..cases.below(300))
            .map(|_| match cases.below(4) {
                0 => cases.pick(b"0123456789,;.\t\n-e"),
                _ => cases.next() as u8,
            })
            .collect();
        let sniffed = check_text(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        match read_table(
            &text,
            Reading {
                columns: None,
                skip_bad: cases.below(2) == 0,
            },
        ) {
            Ok(table) => {
                assert!(!bytes.contains(&0), "case {case}");
                assert!(table.points.len() >= 2);
            }
            Err(e) => {
                for language in [Language::En, Language::Zh] {
                    assert!(e.text(language).len() > 8, "case {case}: {e:?}");
                }
            }
        }
        if bytes.contains(&0) {
            assert_eq!(sniffed, Err(DataError::NotText));
        }
    }
}

/// Missing values as real files mark them (`NA` from R, `null`, an empty cell) are said to be
/// missing, not "not a number", in the column's own name.
#[test]
fn missing_values_are_named_missing_in_their_columns_name() {
    let text = "species,bill_length_mm,body_mass_g\nAdelie,39.1,3750\nAdelie,NA,NA\nGentoo,46.1,\nGentoo,47.5,5200\n";
    let Err(DataError::BadLines(lines)) = read_table(text, chosen(1, 2)) else {
        panic!("bad lines expected");
    };
    let words: Vec<String> = lines.iter().map(|l| l.text(Language::En)).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(
        words[0].contains("line 3: column “bill_length_mm” is missing (“NA”)"),
        "{words:?}"
    );
    assert!(
        words[1].contains("line 4: column “body_mass_g” is empty"),
        "{words:?}"
    );
}
