//! The size floor: a page with only what the design card names (Leptos, plotters on a canvas), a
//! button, a slider and one line chart, built as the page is (`[profile.wasm-release]`, the wasm
//! flags in `.cargo/config.toml`). What it weighs is what any page of this design weighs before
//! its own code (README, "On a class's devices"):
//!
//!     cargo build --profile wasm-release --target wasm32-unknown-unknown --example size_floor
//!     wasm-bindgen --target web --out-dir /tmp/floor target/wasm32-unknown-unknown/wasm-release/examples/size_floor.wasm
//!     tests/e2e/node_modules/.bin/wasm-opt -Oz -o /tmp/floor/opt.wasm /tmp/floor/size_floor_bg.wasm
//!     gzip -9 -c /tmp/floor/opt.wasm | wc -c
//!
//! Natively it does nothing.

#[cfg(target_arch = "wasm32")]
mod page {
    use leptos::prelude::*;
    use plotters::prelude::*;
    use plotters_canvas::CanvasBackend;

    fn draw(canvas: web_sys::HtmlCanvasElement, points: i32) -> Option<()> {
        let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .caption("y = 2x", ("sans-serif", 14))
            .x_label_area_size(30)
            .y_label_area_size(30)
            .build_cartesian_2d(0f64..10.0, 0f64..20.0)
            .ok()?;
        chart.configure_mesh().draw().ok()?;
        let line = (0..=points).map(|x| (f64::from(x), 2.0 * f64::from(x)));
        chart.draw_series(LineSeries::new(line, &BLUE)).ok()?;
        Some(())
    }

    #[component]
    fn Floor() -> impl IntoView {
        let (points, set_points) = signal(1);
        let canvas = NodeRef::<leptos::html::Canvas>::new();
        Effect::new(move |_| {
            if let Some(canvas) = canvas.get() {
                draw(canvas, points.get());
            }
        });
        view! {
            <button on:click=move |_| set_points.update(|n| *n += 1)>"Play " {points}</button>
            <input type="range" min="1" max="10" prop:value=points
                on:input=move |e| set_points.set(event_target_value(&e).parse().unwrap_or(1))/>
            <canvas node_ref=canvas width="400" height="300"></canvas>
        }
    }

    pub fn main() {
        leptos::mount::mount_to_body(Floor);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    page::main();
}
