//! The Keras 3 program for a `Config`: what the learner pastes back into Python. Where relu-lab does
//! something Keras cannot say exactly, the program says so in a comment instead of pretending.

use super::config::{
    Activation, Config, DataKind, Init, Metric, OptimizerKind, OutputActivation, Schedule, XScale,
    YScale,
};
use super::table::shortest;

/// Python's spelling of a number (`2`, `0.01`, `1e-06` all read back the same).
fn py(value: f64) -> String {
    value.to_string()
}

/// Python's spelling of a number that must be a float: Keras 3 refuses an int `learning_rate`, and a
/// schedule given an int `initial_learning_rate` computes in integers.
fn py_float(value: f64) -> String {
    let text = py(value);
    if text.contains(['.', 'e', 'E', 'n', 'N']) {
        text
    } else {
        format!("{text}.0")
    }
}

/// The most points the program holds as arrays; more are read from the page's CSV file.
pub const EMBEDDED_POINTS: usize = 1000;
/// The name of the file the page offers the points in (the program reads it when they are many).
pub const DATA_FILE: &str = "relu-lab-data.csv";

/// A value of an embedded array as a person writes it: `3000`, not `3e3`; the exponent only where
/// it is shorter and the value below 1 (`1e-7`) or the plain form too long (`1e21`). Both read back
/// as exactly the value.
fn py_value(value: f64) -> String {
    let plain = format!("{value}");
    if value.abs() >= 1.0 && plain.len() <= 17 {
        plain
    } else {
        shortest(value)
    }
}

/// A Python string literal of a name (a file's, a column's).
fn py_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Reads two columns of a CSV by their names, keeping the rows relu-lab kept: numbers in both
/// (a line that is not is dropped, as the page drops it when asked to skip it).
fn read_columns_lines(
    file: &str,
    (x_name, y_name): (&str, &str),
    rows: usize,
    out: &mut Vec<String>,
) {
    let (file, x_name, y_name) = (py_string(file), py_string(x_name), py_string(y_name));
    out.push(format!(
        "data = pd.read_csv({file}, float_precision='round_trip')  # a TSV: sep='\\t'; `;` with decimal commas: sep=';', decimal=','"
    ));
    out.push("# The rows relu-lab trained on: numbers in both columns (the others are dropped, as on the page).".into());
    out.push(format!(
        "data = data[[{x_name}, {y_name}]].apply(pd.to_numeric, errors='coerce').replace([np.inf, -np.inf], np.nan).dropna()"
    ));
    out.push(format!("x = data[{x_name}].to_numpy(dtype=float)"));
    out.push(format!("y = data[{y_name}].to_numpy(dtype=float)"));
    out.push(format!(
        "assert len(x) == {rows}, 'relu-lab trained on {rows} rows of this file'"
    ));
}

/// The learner's own points: read from their file by the columns' names, or as arrays in the
/// program, or read from the page's data file when they are many.
fn own_data_lines(config: &Config, out: &mut Vec<String>) {
    let points = &config.own;
    let names = config.axis_names();
    if !config.data_file.is_empty() && !config.x_column.is_empty() && !config.y_column.is_empty() {
        out.push(format!(
            "# {} points of {}: save this program next to the file.",
            points.len(),
            config.data_file
        ));
        read_columns_lines(&config.data_file, names, points.len(), out);
    } else if points.len() > EMBEDDED_POINTS {
        out.push(format!(
            "# {} points: save the page's data file next to this program.",
            points.len()
        ));
        read_columns_lines(DATA_FILE, names, points.len(), out);
    } else {
        if names != ("x", "y") {
            out.push(format!("# x: {}, y: {}", names.0, names.1));
        }
        for (name, values) in [("x", points.x()), ("y", points.y())] {
            out.push(format!("{name} = np.array(["));
            for row in values.chunks(8) {
                let texts: Vec<String> = row.iter().map(|&v| py_value(v)).collect();
                out.push(format!("    {},", texts.join(", ")));
            }
            out.push("], dtype=float)".into());
        }
    }
}

fn data_lines(config: &Config, out: &mut Vec<String>) {
    match config.data {
        DataKind::Own => own_data_lines(config, out),
        DataKind::Arange => out.push(format!(
            "x = np.arange({}, {}, {})",
            py(config.start),
            py(config.stop),
            py(config.step)
        )),
        DataKind::Randn => out.push(format!("x = np.random.randn({})", config.points)),
        DataKind::Uniform => out.push(format!(
            "x = np.random.uniform({}, {}, {})",
            py(config.low),
            py(config.high),
            config.points
        )),
    }
    if config.data == DataKind::Own {
        // x and y come from the points.
    } else if !config.target.is_default() {
        out.push("def f(x):".into());
        out.push(format!("    return {}", config.target.to_numpy()));
        let mut target = "f(x.astype(float))".to_string();
        if config.noise > 0.0 {
            target.push_str(&format!(" + {}*np.random.randn(len(x))", py(config.noise)));
        }
        out.push(format!("y = {target}"));
    } else {
        default_target_line(config, out);
    }
    if config.shuffle {
        out.push("# shuffle=1: the rows in one random order before the split (relu-lab draws its own order).".into());
        out.push("order = np.random.permutation(len(x))".into());
        out.push("x, y = x[order], y[order]".into());
    }
    split_lines(config, out);
}

/// The seed's target: `y = slope·x + intercept` (+ noise), written as the learner's program did.
fn default_target_line(config: &Config, out: &mut Vec<String>) {
    let mut target = if config.slope == 1.0 {
        "x".to_string()
    } else {
        format!("x*{}", py(config.slope))
    };
    if config.intercept != 0.0 {
        target.push_str(&format!(" + {}", py(config.intercept)));
    }
    if config.noise > 0.0 {
        target.push_str(&format!(" + {}*np.random.randn(len(x))", py(config.noise)));
    }
    out.push(format!("y = {target}"));
}

fn split_lines(config: &Config, out: &mut Vec<String>) {
    let train = config.train_points;
    if no_test_part(config) {
        // No test part: every row goes to fit (which holds out its validation part itself).
        out.push("xtrain, ytrain = x, y".into());
        return;
    }
    out.push(format!("xtrain = x[:{train}]"));
    out.push(format!("ytrain = y[:{train}]"));
    out.push(format!("xtest = x[{train}:]"));
    out.push(format!("ytest = y[{train}:]"));
}

fn scaling_lines(config: &Config, out: &mut Vec<String>) {
    if config.x_scale == XScale::None && config.y_scale == YScale::None {
        return;
    }
    out.push(String::new());
    out.push("# Scaling is fitted on the rows fit() trains on: validation_split holds out the LAST part.".into());
    out.push(format!(
        "fit_rows = int(len(xtrain) * (1 - {}))",
        py(config.validation_split)
    ));
    match config.x_scale {
        XScale::None => {}
        XScale::Standard => {
            out.push("x_shift, x_scale = xtrain[:fit_rows].mean(), xtrain[:fit_rows].std()".into());
        }
        XScale::MinMax => {
            out.push("x_shift = xtrain[:fit_rows].min()".into());
            out.push("x_scale = xtrain[:fit_rows].max() - x_shift".into());
        }
        XScale::MaxAbs => {
            out.push("x_shift, x_scale = 0.0, np.abs(xtrain[:fit_rows]).max()".into());
        }
    }
    let test = !no_test_part(config);
    if config.x_scale != XScale::None {
        out.push(if test {
            "xtrain, xtest = (xtrain - x_shift) / x_scale, (xtest - x_shift) / x_scale".into()
        } else {
            "xtrain = (xtrain - x_shift) / x_scale".into()
        });
    }
    if config.y_scale == YScale::Standard {
        out.push("y_shift, y_scale = ytrain[:fit_rows].mean(), ytrain[:fit_rows].std()".into());
        out.push(if test {
            "ytrain, ytest = (ytrain - y_shift) / y_scale, (ytest - y_shift) / y_scale".into()
        } else {
            "ytrain = (ytrain - y_shift) / y_scale".into()
        });
        out.push("# Predictions in original units: model.predict(x) * y_scale + y_shift".into());
    }
}

/// Keras 2's `decay` on top of a Keras 3 schedule (Keras 3 has no `decay`): emitted only when both
/// are set.
const LEGACY_DECAY_CLASS: &str = r#"class LegacyDecay(optimizers.schedules.LearningRateSchedule):
    """Keras 2's `decay` on top of a schedule: schedule(step) / (1 + decay * step)."""
    def __init__(self, schedule, decay):
        self.schedule, self.decay = schedule, decay
    def __call__(self, step):
        step = keras.ops.cast(step, 'float32')
        return self.schedule(step) / (1 + self.decay * step)"#;

/// The `learning_rate=` argument: a number or a schedule.
fn learning_rate_expression(config: &Config) -> String {
    let lr = py_float(config.learning_rate);
    let schedule = match config.schedule {
        Schedule::Constant => None,
        Schedule::Exponential => Some(format!(
            "optimizers.schedules.ExponentialDecay(initial_learning_rate={lr}, decay_steps={}, decay_rate={}{})",
            config.decay_steps,
            py_float(config.decay_rate),
            if config.staircase { ", staircase=True" } else { "" }
        )),
        Schedule::Cosine => {
            let mut args = vec![
                format!("initial_learning_rate={lr}"),
                format!("decay_steps={}", config.decay_steps),
            ];
            if config.cosine_alpha != 0.0 {
                args.push(format!("alpha={}", py_float(config.cosine_alpha)));
            }
            if let Some(target) = config.warmup_target {
                args.push(format!("warmup_target={}", py_float(target)));
                args.push(format!("warmup_steps={}", config.warmup_steps));
            }
            Some(format!(
                "optimizers.schedules.CosineDecay({})",
                args.join(", ")
            ))
        }
    };
    match (schedule, config.decay > 0.0) {
        (None, false) => lr,
        // lr / (1 + decay_rate · step / decay_steps): the legacy `decay` exactly.
        (None, true) => format!(
            "optimizers.schedules.InverseTimeDecay(initial_learning_rate={lr}, decay_steps=1, decay_rate={})",
            py(config.decay)
        ),
        (Some(schedule), false) => schedule,
        (Some(schedule), true) => format!("LegacyDecay({schedule}, {})", py(config.decay)),
    }
}

fn optimizer_expression(config: &Config) -> String {
    let mut args = vec![format!(
        "learning_rate={}",
        learning_rate_expression(config)
    )];
    match config.optimizer {
        OptimizerKind::Momentum => args.push(format!("momentum={}", py(config.momentum))),
        OptimizerKind::Nesterov => {
            args.push(format!("momentum={}", py(config.momentum)));
            args.push("nesterov=True".into());
        }
        _ => {}
    }
    // The fixes' arguments only where set, so every other program reads as it always did.
    if let Some(weight_decay) = config.weight_decay {
        args.push(format!("weight_decay={}", py_float(weight_decay)));
    }
    for (key, value) in [
        ("clipnorm", config.clipnorm),
        ("clipvalue", config.clipvalue),
        ("global_clipnorm", config.global_clipnorm),
    ] {
        if value > 0.0 {
            args.push(format!("{key}={}", py_float(value)));
        }
    }
    let class = match config.optimizer {
        OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => "SGD",
        OptimizerKind::Rmsprop => "RMSprop",
        OptimizerKind::Adam => "Adam",
        OptimizerKind::Adagrad => "Adagrad",
        OptimizerKind::Adamw => "AdamW",
    };
    format!("optimizers.{class}({})", args.join(", "))
}

/// A complete Keras 3 program for `config`, with `link` (the share link) in its first comment.
pub fn keras_program(config: &Config, link: &str) -> String {
    let mut out: Vec<String> = vec![
        format!("# relu-lab: {link}"),
        "# Keras 3 (pip install keras tensorflow). relu-lab follows Keras' initialisation, optimisers,".into(),
        "# validation split and shuffling, but draws its own random numbers: same behaviour, other digits.".into(),
        "import numpy as np".into(),
        "import keras".into(),
        "from keras import layers, optimizers".into(),
        String::new(),
        format!("keras.utils.set_random_seed({})", config.seed),
        String::new(),
    ];
    if reads_a_file(config) {
        // pandas reads a CSV by its columns' names, as a Keras user does.
        out[1] = out[1].replace("keras tensorflow)", "keras tensorflow pandas)");
        out.insert(4, "import pandas as pd".into());
    }
    data_lines(config, &mut out);
    scaling_lines(config, &mut out);
    out.push(String::new());
    helper_lines(config, &mut out);
    model_lines(config, &mut out);
    fit_lines(config, &mut out);
    out.join("\n") + "\n"
}

/// The classes the program needs beyond Keras: RAI's initialiser, the legacy decay under a schedule.
fn helper_lines(config: &Config, out: &mut Vec<String>) {
    let uses_rai = config.init == Init::Rai;
    if uses_rai {
        out.extend(RAI_CLASS.lines().map(String::from));
        out.push(String::new());
        out.push("def rai_layer():".into());
        out.push("    rai = RAI()".into());
        out.push(
            "    return dict(kernel_initializer=rai.kernel, bias_initializer=rai.bias_initializer)"
                .into(),
        );
        out.push(String::new());
    }
    if config.schedule != Schedule::Constant && config.decay > 0.0 {
        out.extend(LEGACY_DECAY_CLASS.lines().map(String::from));
        out.push(String::new());
    }
}

/// The `keras.Sequential` model: the hidden layers, then the output unit.
fn model_lines(config: &Config, out: &mut Vec<String>) {
    if config.batch_norm {
        out.push("# use_bias=True before BatchNormalization: the normalisation subtracts each batch's mean, so".into());
        out.push("# that bias never changes the output (use_bias=False trains the same network); relu-lab keeps it.".into());
    }
    out.push("model = keras.Sequential([".into());
    out.push("    keras.Input(shape=(1,)),".into());
    for &units in config.widths() {
        if config.batch_norm {
            batch_norm_layer_lines(config, units, out);
            continue;
        }
        let mut args = vec![units.to_string()];
        match config.hidden_activation {
            // PReLU is a layer of its own after a linear Dense.
            Activation::Prelu => {}
            Activation::LeakyRelu if config.alpha != 0.2 => args.push(format!(
                "activation=lambda z: keras.activations.leaky_relu(z, negative_slope={})",
                py(config.alpha)
            )),
            activation => args.push(format!("activation='{activation}'")),
        }
        args.extend(initializer_args(config, Layer::Hidden));
        out.push(format!("    layers.Dense({}),", args.join(", ")));
        if config.hidden_activation == Activation::Prelu {
            out.push("    layers.PReLU(),".into());
        }
    }
    let mut output_args = vec!["1".to_string()];
    if config.output_activation != OutputActivation::Linear {
        output_args.push(format!("activation='{}'", config.output_activation));
    }
    output_args.extend(initializer_args(config, Layer::Output));
    out.push(format!("    layers.Dense({}),", output_args.join(", ")));
    out.push("])".into());
}

/// `compile`, `summary`, `fit` and the test loss.
fn fit_lines(config: &Config, out: &mut Vec<String>) {
    let metric = match config.metric {
        Metric::Accuracy => "accuracy",
        Metric::Mae => "mae",
    };
    out.push("model.compile(loss='mean_squared_error',".into());
    out.push(format!(
        "              optimizer={},",
        optimizer_expression(config)
    ));
    out.push(format!("              metrics=['{metric}'])"));
    out.push("model.summary()".into());
    out.push("history = model.fit(xtrain, ytrain,".into());
    out.push(format!(
        "                    batch_size={},",
        config.batch_size
    ));
    out.push(format!("                    epochs={},", config.epochs));
    out.push("                    verbose=1,".into());
    out.push(format!(
        "                    validation_split={})",
        py(config.validation_split)
    ));
    if !config.data_is_empty_test() {
        out.push("print('test loss:', model.evaluate(xtest, ytest, verbose=0))".into());
    }
}

/// One hidden layer with batch normalization: a linear Dense that keeps its bias (as relu-lab's does;
/// it trains to nothing useful, the normalisation subtracts it), Keras' `BatchNormalization` with
/// its defaults (momentum 0.99, epsilon 0.001), then the activation as a layer of its own. The
/// program says why the bias is there, where Keras users usually write `use_bias=False`.
fn batch_norm_layer_lines(config: &Config, units: usize, out: &mut Vec<String>) {
    let mut args = vec![units.to_string(), "use_bias=True".to_string()];
    args.extend(initializer_args(config, Layer::Hidden));
    out.push(format!("    layers.Dense({}),", args.join(", ")));
    out.push("    layers.BatchNormalization(),".into());
    out.push(match config.hidden_activation {
        Activation::Prelu => "    layers.PReLU(),".into(),
        Activation::LeakyRelu if config.alpha != 0.2 => format!(
            "    layers.Activation(lambda z: keras.activations.leaky_relu(z, negative_slope={})),",
            py(config.alpha)
        ),
        activation => format!("    layers.Activation('{activation}'),"),
    });
}

/// Whether the program of own points leaves out the test part (all rows trained on, the page's
/// default for own data). The built-in data keep the seed thread's `x[:train]`, `x[train:]` lines.
fn no_test_part(config: &Config) -> bool {
    config.data == DataKind::Own && config.data_is_empty_test()
}

/// Whether the program reads a CSV file with pandas (own points from a file with a header, or
/// more than the program embeds).
fn reads_a_file(config: &Config) -> bool {
    config.data == DataKind::Own
        && ((!config.data_file.is_empty()
            && !config.x_column.is_empty()
            && !config.y_column.is_empty())
            || config.own.len() > EMBEDDED_POINTS)
}

/// A Keras initializer for RAI (kernel and bias drawn together, as the paper defines it). Dense builds
/// its kernel before its bias, so one instance per layer hands the bias row to the bias initializer.
const RAI_CLASS: &str = r#"class RAI:
    """Randomized asymmetric initialization: Lu, Shin, Su, Karniadakis, "Dying ReLU and
    Initialization: Theory and Numerical Examples", arXiv:1903.06733. Each unit's row [w, b] is
    N(0, (0.6007/sqrt(fan_in))^2); one entry of the row, chosen uniformly, is drawn from Beta(2, 1)."""
    def __init__(self):
        self.bias = None
    def kernel(self, shape, dtype=None):
        fan_in, fan_out = shape
        rows = np.random.randn(fan_out, fan_in + 1) * 0.6007 / np.sqrt(fan_in)
        for j in range(fan_out):
            rows[j, np.random.randint(0, fan_in + 1)] = np.random.beta(2, 1)
        self.bias = rows[:, -1]
        return keras.ops.convert_to_tensor(rows[:, :-1].T, dtype=dtype)
    def bias_initializer(self, shape, dtype=None):
        return keras.ops.convert_to_tensor(self.bias, dtype=dtype)"#;

/// Which Dense layer of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    Hidden,
    Output,
}

/// The `kernel_initializer=` and `bias_initializer=` arguments of a Dense layer, where not Keras'
/// defaults.
fn initializer_args(config: &Config, layer: Layer) -> Vec<String> {
    let hidden = layer == Layer::Hidden;
    if config.init == Init::Rai {
        return vec!["**rai_layer()".into()];
    }
    let mut args = Vec::new();
    if config.init != Init::GlorotUniform {
        args.push(format!("kernel_initializer='{}'", config.init));
    }
    if hidden && config.hidden_bias != 0.0 {
        args.push(format!(
            "bias_initializer=keras.initializers.Constant({})",
            py(config.hidden_bias)
        ));
    }
    args
}

impl Config {
    fn data_is_empty_test(&self) -> bool {
        self.train_points >= self.data_points()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(query: &str) -> String {
        let config = Config::from_query_strict(query).unwrap();
        keras_program(&config, &config.to_query())
    }

    #[test]
    fn question_program_is_the_learners_program() {
        let code = program("preset=question");
        for line in [
            "x = np.arange(1, 1000, 1)",
            "y = x*2",
            "xtrain = x[:750]",
            "ytest = y[750:]",
            "    layers.Dense(128, activation='relu'),",
            "    layers.Dense(1, activation='relu'),",
            "              optimizer=optimizers.SGD(learning_rate=0.01),",
            "              metrics=['accuracy'])",
            "                    batch_size=100,",
            "                    epochs=20,",
            "                    validation_split=0.2)",
        ] {
            assert!(
                code.lines().any(|l| l == line),
                "missing {line:?} in\n{code}"
            );
        }
    }

    #[test]
    fn standardized_program_is_answer_ones_first_program() {
        let code = program("preset=standardized");
        assert!(code.contains("x = np.random.randn(1000)"), "{code}");
        assert!(code.contains("    layers.Dense(1),"), "{code}");
        assert!(
            code.contains(
                "InverseTimeDecay(initial_learning_rate=0.01, decay_steps=1, decay_rate=0.000001)"
            ),
            "{code}"
        );
        assert!(code.contains("metrics=['mae']"), "{code}");
    }

    #[test]
    fn adam_and_fewer_points_programs_match_the_thread() {
        let adam = program("preset=adam");
        assert!(
            adam.contains("optimizer=optimizers.Adam(learning_rate=0.0001),")
                && adam.contains("epochs=200,"),
            "{adam}"
        );
        let fewer = program("preset=fewer-points");
        assert!(
            fewer.contains("x = np.arange(1, 10, 1)")
                && fewer.contains("layers.Dense(12, activation='relu')"),
            "{fewer}"
        );
        assert!(!fewer.contains("model.evaluate"), "no test part: {fewer}");
        // The thread's own lines, even with no test part (only own points leave it out).
        assert!(fewer.contains("xtrain = x[:9]"), "{fewer}");
    }

    #[test]
    fn scaling_and_options_without_defaults_are_spelled_out() {
        let code = program(
            "xscale=standard&yscale=standard&opt=nesterov&bias=0.1&init=he_normal&act=leaky_relu",
        );
        assert!(
            code.contains("x_shift, x_scale = xtrain[:fit_rows].mean(), xtrain[:fit_rows].std()"),
            "{code}"
        );
        assert!(code.contains("momentum=0.9, nesterov=True"), "{code}");
        assert!(
            code.contains("bias_initializer=keras.initializers.Constant(0.1)"),
            "{code}"
        );
        assert!(
            code.contains("activation='leaky_relu', kernel_initializer='he_normal'"),
            "{code}"
        );
    }

    #[test]
    fn the_fixes_arguments_appear_only_when_set_and_as_keras_spells_them() {
        let plain = program("preset=question");
        for word in [
            "clipnorm",
            "clipvalue",
            "weight_decay",
            "schedules.",
            "LegacyDecay",
        ] {
            assert!(!plain.contains(word), "{word} in\n{plain}");
        }
        let clipped = program("clipnorm=1");
        assert!(
            clipped.contains("optimizer=optimizers.SGD(learning_rate=0.01, clipnorm=1.0),"),
            "{clipped}"
        );
        let adamw =
            program("opt=adamw&global_clipnorm=2&schedule=cosine&decay_steps=120&cosine_alpha=0.1");
        assert!(
            adamw.contains(
                "optimizers.AdamW(learning_rate=optimizers.schedules.CosineDecay(initial_learning_rate=0.01, \
                 decay_steps=120, alpha=0.1), global_clipnorm=2.0)"
            ),
            "{adamw}"
        );
        let warm = program(
            "lr=1&schedule=cosine&warmup_target=2&warmup_steps=30&clipvalue=0.5&weight_decay=0.01",
        );
        assert!(
            warm.contains(
                "optimizers.SGD(learning_rate=optimizers.schedules.CosineDecay(initial_learning_rate=1.0, \
                 decay_steps=1000, warmup_target=2.0, warmup_steps=30), weight_decay=0.01, clipvalue=0.5)"
            ),
            "{warm}"
        );
        let stairs =
            program("schedule=exponential&decay_steps=30&decay_rate=0.5&staircase=1&decay=0.1");
        assert!(
            stairs.contains("class LegacyDecay(optimizers.schedules.LearningRateSchedule):")
                && stairs.contains(
                    "learning_rate=LegacyDecay(optimizers.schedules.ExponentialDecay(initial_learning_rate=0.01, \
                     decay_steps=30, decay_rate=0.5, staircase=True), 0.1)"
                ),
            "{stairs}"
        );
    }

    #[test]
    fn batch_norm_puts_the_normalisation_between_a_biased_linear_dense_and_its_activation() {
        let code = program("bn=1&hidden=8,4");
        // The bias before the normalisation is explained once.
        assert_eq!(
            code.matches("use_bias=False trains the same network")
                .count(),
            1,
            "{code}"
        );
        let expected = [
            "    keras.Input(shape=(1,)),",
            "    layers.Dense(8, use_bias=True),",
            "    layers.BatchNormalization(),",
            "    layers.Activation('relu'),",
            "    layers.Dense(4, use_bias=True),",
            "    layers.BatchNormalization(),",
            "    layers.Activation('relu'),",
            "    layers.Dense(1, activation='relu'),",
        ]
        .join("\n");
        assert!(code.contains(&expected), "{code}");
        let prelu = program("bn=1&act=prelu&init=he_normal");
        assert!(
            prelu.contains(
                "    layers.Dense(128, use_bias=True, kernel_initializer='he_normal'),\n    layers.BatchNormalization(),\n    layers.PReLU(),"
            ),
            "{prelu}"
        );
        let leaky = program("bn=1&act=leaky_relu&alpha=0.1");
        assert!(
            leaky.contains(
                "layers.Activation(lambda z: keras.activations.leaky_relu(z, negative_slope=0.1)),"
            ),
            "{leaky}"
        );
        assert!(!program("bn=0").contains("BatchNormalization"));
    }

    #[test]
    fn a_formula_is_written_as_numpy() {
        let code =
            program("f=sin(2*pi*x)%2Babs(x)^2&data=uniform&lo=0&hi=1&n=10&train=10&noise=0.3");
        for line in [
            "x = np.random.uniform(0, 1, 10)",
            "def f(x):",
            "    return np.sin(2*np.pi*x) + np.abs(x)**2",
            "y = f(x.astype(float)) + 0.3*np.random.randn(len(x))",
        ] {
            assert!(
                code.lines().any(|l| l == line),
                "missing {line:?} in\n{code}"
            );
        }
        assert!(!program("preset=question").contains("def f"));
    }

    #[test]
    fn own_points_are_embedded_or_read_from_the_data_file() {
        use crate::engine::table::Points;
        let mut config = Config::default();
        let points = Points::new(vec![-1.0, 0.5, 2.0], vec![1.0, 0.25, 1e-7]).unwrap();
        let _ = config.use_points(points);
        let code = keras_program(&config, &config.to_query());
        for line in [
            "x = np.array([",
            "    -1, 0.5, 2,",
            "    1, 0.25, 1e-7,",
            "], dtype=float)",
        ] {
            assert!(
                code.lines().any(|l| l == line),
                "missing {line:?} in\n{code}"
            );
        }
        let many: Vec<f64> = (0..2000).map(f64::from).collect();
        let _ = config.use_points(Points::new(many.clone(), many).unwrap());
        let code = keras_program(&config, "");
        for line in [
            "import pandas as pd",
            "data = pd.read_csv('relu-lab-data.csv', float_precision='round_trip')  # a TSV: sep='\\t'; `;` with decimal commas: sep=';', decimal=','",
            "x = data['x'].to_numpy(dtype=float)",
            "assert len(x) == 2000, 'relu-lab trained on 2000 rows of this file'",
        ] {
            assert!(code.lines().any(|l| l == line), "missing {line:?} in\n{code}");
        }
        // The page's data file has the columns the program reads.
        let csv = config.own.to_csv(config.axis_names());
        assert!(csv.starts_with("x,y\n0,0\n1,1\n"), "{}", &csv[..20]);
    }

    /// The penguins' flipper length and body mass, read as the page reads them (skipping 2 lines).
    fn penguins() -> Config {
        use crate::engine::config::DataNames;
        use crate::engine::table::{read_table, Columns, Reading};
        let text = include_str!("../../../tests/fixtures/penguins.csv");
        let reading = Reading {
            columns: Some(Columns { x: 4, y: 5 }),
            skip_bad: true,
        };
        let names = DataNames {
            x: "flipper_length_mm".into(),
            y: "body_mass_g".into(),
            file: "penguins.csv".into(),
        };
        let mut config = Config::default();
        let _ = config.use_data(read_table(text, reading).unwrap().points, &names);
        config
    }

    #[test]
    fn own_data_from_a_file_is_read_with_pandas_by_its_columns_names() {
        let config = penguins();
        let code = keras_program(&config, &config.to_query());
        for line in [
            "import pandas as pd",
            "# 342 points of penguins.csv: save this program next to the file.",
            "data = data[['flipper_length_mm', 'body_mass_g']].apply(pd.to_numeric, errors='coerce').replace([np.inf, -np.inf], np.nan).dropna()",
            "x = data['flipper_length_mm'].to_numpy(dtype=float)",
            "y = data['body_mass_g'].to_numpy(dtype=float)",
            "assert len(x) == 342, 'relu-lab trained on 342 rows of this file'",
            // Every row is trained on: no empty test part, nothing scaled that does not exist.
            "xtrain, ytrain = x, y",
            // A regression's metric.
            "              metrics=['mae'])",
        ] {
            assert!(code.lines().any(|l| l == line), "missing {line:?} in\n{code}");
        }
        assert!(
            !code.contains("xtest") && !code.contains("model.evaluate"),
            "{code}"
        );
        assert!(
            !code.contains("np.array(["),
            "the points are read, not inlined"
        );
        // Scaled, still no test part; shuffled, one permutation before the split.
        let mut scaled = config.clone();
        let _ = scaled.set(crate::engine::config::Key::YScale, "standard");
        let _ = scaled.set(crate::engine::config::Key::Shuffle, "1");
        let code = keras_program(&scaled, "");
        assert!(
            code.contains("ytrain = (ytrain - y_shift) / y_scale"),
            "{code}"
        );
        assert!(!code.contains("xtest"), "{code}");
        let order = code
            .find("order = np.random.permutation(len(x))")
            .expect("a permutation");
        assert!(order < code.find("xtrain, ytrain = x, y").unwrap());
    }

    #[test]
    fn embedded_points_are_written_as_a_person_writes_them() {
        use crate::engine::table::Points;
        let mut config = Config::default();
        let points = Points::new(vec![3000.0, 4250.0, 1e21], vec![0.5, 1e-7, -2.0]).unwrap();
        let _ = config.use_points(points);
        let code = keras_program(&config, "");
        assert!(code.contains("    3000, 4250, 1e21,"), "{code}");
        assert!(code.contains("    0.5, 1e-7, -2,"), "{code}");
        assert!(!code.contains("pandas"), "{code}");
    }
}
