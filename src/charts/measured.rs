//! Text measured once. In a browser plotters sizes every text by putting a `<span>` in the page and
//! reading its `offsetHeight`: a forced layout of the whole page, dozens of times per drawing (the
//! axis labels, the caption, the legend), about a tenth of the main thread on a phone while a run
//! plays. The same texts come back every frame ("1e18", "epoch", "train"), so their sizes are kept:
//! `Measured` wraps any backend and answers its `estimate_text_size` from the kept sizes, and
//! `text_size` does the same for the charts' own measuring (legends, ellipses). The sizes are the
//! first measurement's, so the pictures are the same as without it.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// More distinct texts than a page draws (a few hundred): past it the sizes are forgotten.
const MOST_KEPT: usize = 4096;

thread_local! {
    /// The sizes, by key: the font's family, style, size (its bits) and transform, then the text,
    /// written into one string (`write_key`).
    static SIZES: RefCell<HashMap<String, (u32, u32)>> = RefCell::new(HashMap::new());
    /// The key being looked up, written in place: a lookup allocates nothing once the buffer has
    /// grown to the longest text.
    static KEY: RefCell<String> = const { RefCell::new(String::new()) };
}

fn transform_code(transform: FontTransform) -> char {
    match transform {
        FontTransform::None => '0',
        FontTransform::Rotate90 => '1',
        FontTransform::Rotate180 => '2',
        FontTransform::Rotate270 => '3',
    }
}

/// What sizes a text, as one string; the unit separator (U+001F) keeps the fields apart.
fn write_key(
    key: &mut String,
    (family, style, size, transform): (FontFamily, FontStyle, f64, FontTransform),
    text: &str,
) {
    use std::fmt::Write;
    key.clear();
    let _ = write!(
        key,
        "{}\u{1f}{}\u{1f}{:x}\u{1f}{}\u{1f}{text}",
        family.as_str(),
        style.as_str(),
        size.to_bits(),
        transform_code(transform),
    );
}

/// The size of `text` in `family`/`style`/`size`/`transform`, measured by `measure` the first time.
fn kept<E>(
    font: (FontFamily, FontStyle, f64, FontTransform),
    text: &str,
    measure: impl FnOnce() -> Result<(u32, u32), E>,
) -> Result<(u32, u32), E> {
    // On a miss the key is copied out, so a measurement that measures other texts cannot change it.
    let missing = KEY.with(|key| {
        let mut key = key.borrow_mut();
        write_key(&mut key, font, text);
        match SIZES.with(|s| s.borrow().get(key.as_str()).copied()) {
            Some(found) => Ok(found),
            None => Err(key.clone()),
        }
    });
    let key = match missing {
        Ok(found) => return Ok(found),
        Err(key) => key,
    };
    let measured = measure()?;
    SIZES.with(|s| {
        let mut sizes = s.borrow_mut();
        if sizes.len() >= MOST_KEPT {
            sizes.clear();
        }
        sizes.insert(key, measured);
    });
    Ok(measured)
}

/// `font.box_size(text)`, kept.
pub(crate) fn text_size(font: &TextStyle, text: &str) -> Option<(u32, u32)> {
    let f = &font.font;
    kept(
        (
            f.get_family(),
            f.get_style(),
            f.get_size(),
            f.get_transform(),
        ),
        text,
        || f.box_size(text),
    )
    .ok()
}

/// A backend whose text sizes are kept (see the module's text); everything else is `B`'s own.
pub struct Measured<B>(pub B);

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        kept(
            (
                style.family(),
                style.style(),
                style.size(),
                style.transform(),
            ),
            text,
            || self.0.estimate_text_size(text, style),
        )
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Config, Trainer};
    use plotters_backend::BackendTextStyle;
    use std::cell::Cell;

    /// Counts the sizes it is asked for and draws nothing; a text's size is its length (an oracle
    /// independent of any font).
    struct Counting<'a> {
        asked: &'a Cell<usize>,
        drawn: &'a RefCell<Vec<String>>,
    }

    impl DrawingBackend for Counting<'_> {
        type ErrorType = std::convert::Infallible;
        fn get_size(&self) -> (u32, u32) {
            (640, 400)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: BackendCoord,
            _: BackendColor,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_text<S: BackendTextStyle>(
            &mut self,
            text: &str,
            _: &S,
            pos: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.drawn.borrow_mut().push(format!("{text} at {pos:?}"));
            Ok(())
        }
        fn estimate_text_size<S: BackendTextStyle>(
            &self,
            text: &str,
            style: &S,
        ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
            self.asked.set(self.asked.get() + 1);
            Ok((
                text.chars().count() as u32 * style.size() as u32 / 2,
                style.size() as u32,
            ))
        }
    }

    #[test]
    fn kept_sizes_draw_the_same_texts_in_the_same_places_and_are_measured_once() {
        let mut trainer =
            Trainer::new(&Config::from_query_strict("preset=standardized&epochs=5").unwrap());
        trainer.run();
        let draw = |backend: &mut dyn FnMut() -> Vec<String>| backend();
        let (asked, drawn) = (Cell::new(0), RefCell::new(Vec::new()));
        let plain = draw(&mut || {
            let area = Counting {
                asked: &asked,
                drawn: &drawn,
            }
            .into_drawing_area();
            crate::charts::draw_loss(
                &area,
                &trainer,
                &[],
                crate::charts::LossView::Loss,
                Default::default(),
            )
            .unwrap();
            drop(area);
            drawn.take()
        });
        let unkept = asked.replace(0);
        assert!(
            unkept >= 1,
            "the loss chart sizes its caption through the backend: {unkept}"
        );
        for round in 0..2 {
            let measured = draw(&mut || {
                let area = Measured(Counting {
                    asked: &asked,
                    drawn: &drawn,
                })
                .into_drawing_area();
                crate::charts::draw_loss(
                    &area,
                    &trainer,
                    &[],
                    crate::charts::LossView::Loss,
                    Default::default(),
                )
                .unwrap();
                drop(area);
                drawn.take()
            });
            assert_eq!(
                measured, plain,
                "round {round}: the same texts in the same places"
            );
            let asked_now = asked.replace(0);
            if round == 0 {
                assert!(asked_now <= unkept, "{asked_now} of {unkept}");
            } else {
                assert_eq!(asked_now, 0, "the second drawing measures nothing");
            }
        }
    }

    #[test]
    fn a_text_is_kept_apart_for_each_font_size_and_turn() {
        let font =
            |size: f64, transform| (FontFamily::SansSerif, FontStyle::Normal, size, transform);
        let text = "kept apart \u{1f} 1e18";
        let asks = Cell::new(0);
        let measure = |answer: (u32, u32)| {
            asks.set(asks.get() + 1);
            Ok::<_, ()>(answer)
        };
        let cases = || {
            [
                (font(13.0, FontTransform::None), (70, 13)),
                (font(14.0, FontTransform::None), (75, 14)),
                (font(13.0, FontTransform::Rotate270), (13, 70)),
                (
                    (
                        FontFamily::Serif,
                        FontStyle::Bold,
                        13.0,
                        FontTransform::None,
                    ),
                    (80, 13),
                ),
            ]
        };
        for round in 0..2 {
            for (font, answer) in cases() {
                assert_eq!(
                    kept(font, text, || measure(answer)),
                    Ok(answer),
                    "round {round}"
                );
            }
        }
        assert_eq!(
            asks.get(),
            cases().len(),
            "each font measured once, then kept"
        );
        let failed: Result<(u32, u32), &str> =
            kept(font(99.0, FontTransform::None), text, || Err("no font"));
        assert_eq!(failed, Err("no font"), "a failed measurement is not kept");
        assert_eq!(
            kept(font(99.0, FontTransform::None), text, || measure((1, 1))),
            Ok((1, 1))
        );
    }
}
