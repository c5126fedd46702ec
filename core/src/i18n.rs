//! Every word the page shows, in English and Chinese, declared once. The widgets, banners, charts,
//! notices and tooltips read their text from here by name, so the two languages can never drift
//! apart: a test checks that every message has both, with the same placeholders.
//!
//! The lesson's steps and the diagnosis are here too. Not here: code names shown as code (choice
//! names such as `relu` or `sgd`, link keys such as `lr`, `Dense`, numbers), and the one-line doc
//! of each link key (the `settings!` table's, for the README and the runner, in English).
//!
//! A test (`tests/docs.rs`) checks that every message here is used by the code.
//!
//! Terms follow the Chinese lesson and report: 学习率, 隐藏层, 激活函数, 优化器, 批大小, 训练集/验证集/测试集,
//! 损失, 准确率, 生来即死, 扫描, 随机种子; `epoch` and `batch` stay in English, as Keras prints them.
//!
//! A leaf: it imports nothing from the engine (`engine::config` re-exports `Language`).

/// The page's language: the seed thread is Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Zh,
}

impl Language {
    /// Both languages, English first.
    pub const ALL: &'static [Language] = &[Language::En, Language::Zh];

    /// The link spelling (`lang=zh`).
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One message in both languages. `{}` marks where a value goes (filled in order by `fill`);
/// `{0}`, `{1}`, … name a value by its place, for a sentence that needs them in another order.
/// `{s}` after a word is the English plural's "s", unless the value before it reads 1 ("1 line",
/// "2 lines"); Chinese has no plural.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

/// One piece of a template: literal text, or the value at an index (with the placeholder as
/// written, kept when that value is missing).
enum Piece<'a> {
    Literal(&'a str),
    Value(usize, &'a str),
    /// `{s}`: "s" unless the value before it reads 1.
    Plural,
}

/// The pieces of a template: `{}` is the next value in order, `{N}` the value at `N`; any other
/// brace is literal text.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let index = close.and_then(|close| {
            let inside = &after[..close];
            if inside.is_empty() {
                let index = next;
                next += 1;
                Some((Some(index), close))
            } else if inside == "s" {
                Some((None, close))
            } else if inside.len() <= 2 && inside.bytes().all(|b| b.is_ascii_digit()) {
                inside.parse().ok().map(|index| (Some(index), close))
            } else {
                None
            }
        });
        match index {
            Some((index, close)) => {
                out.push(Piece::Literal(&rest[..open]));
                out.push(match index {
                    Some(index) => Piece::Value(index, &rest[open..=open + close + 1]),
                    None => Piece::Plural,
                });
                rest = &after[close + 1..];
            }
            None => {
                out.push(Piece::Literal(&rest[..=open]));
                rest = after;
            }
        }
    }
    out.push(Piece::Literal(rest));
    out
}

/// A Chinese character (CJK ideographs), not punctuation.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn starts_chinese(text: &str) -> bool {
    text.chars().next().is_some_and(is_chinese)
}

impl Text {
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::Zh => self.zh,
        }
    }

    /// The message with each placeholder replaced by its value. A placeholder without a value
    /// stays as written, a value without a placeholder is dropped (the tests check every
    /// message's placeholders). In Chinese a space sets a value off from the words around it
    /// ("拟合了 y = 2x"); between a value and a word that are both Chinese it goes ("跟上了你的
    /// 342 个数据点", not "跟上了 你的").
    pub fn fill(self, language: Language, values: &[&dyn std::fmt::Display]) -> String {
        let template = self.get(language);
        let mut out = String::with_capacity(template.len() + 16 * values.len());
        let zh = language == Language::Zh;
        // Whether `out` ends with a value that ends in a Chinese character.
        let mut after_chinese_value = false;
        // Whether the last value read 1 (for `{s}`).
        let mut one = false;
        for piece in pieces(template) {
            match piece {
                Piece::Plural => {
                    if !zh && !one {
                        out.push('s');
                    }
                }
                Piece::Literal(mut text) => {
                    if after_chinese_value && text.starts_with(' ') && starts_chinese(&text[1..]) {
                        text = &text[1..];
                    }
                    out.push_str(text);
                    after_chinese_value = false;
                }
                Piece::Value(index, written) => {
                    let Some(value) = values.get(index) else {
                        out.push_str(written);
                        continue;
                    };
                    let value = value.to_string();
                    one = value == "1";
                    if zh && starts_chinese(&value) && out.ends_with(' ') {
                        let before = &out[..out.len() - 1];
                        if before.chars().next_back().is_some_and(is_chinese) {
                            out.pop();
                        }
                    }
                    after_chinese_value = zh && value.chars().next_back().is_some_and(is_chinese);
                    out.push_str(&value);
                }
            }
        }
        out
    }

    /// The values each language's template reads, in the order it reads them.
    fn slots(self, language: Language) -> Vec<usize> {
        pieces(self.get(language))
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Value(index, _) => Some(index),
                Piece::Literal(_) | Piece::Plural => None,
            })
            .collect()
    }

    /// How many values the message takes (the same in both languages).
    pub fn placeholders(self) -> usize {
        self.slots(Language::En)
            .into_iter()
            .max()
            .map_or(0, |largest| largest + 1)
    }
}

macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = $en:literal, $zh:literal;)+) => {
        $( $(#[$doc])* pub const $name: Text = Text { en: $en, zh: $zh }; )+
        /// Every message, for the tests.
        pub const ALL: &[(&str, Text)] = &[$((stringify!($name), $name)),+];
    };
}

texts! {
    // ── Page: title, header and error panel (src/ui/mod.rs, index.html) ──────────────────────────
    /// The document title (index.html's `<title>`).
    PAGE_TITLE = "relu-lab: why does my network output 0?", "relu-lab：为什么我的网络总是输出 0？";
    TAGLINE = "Why does my network output 0? Train a small ReLU network, watch it learn or die, and see why.",
        "为什么我的网络总是输出 0？训练一个小小的 ReLU 网络，看它学会还是死掉，并弄清原因。";
    /// aria-label of the header's navigation.
    NAV_SECTIONS = "sections", "页面导航";
    NAV_LESSON = "Lesson", "课程";
    NAV_KERAS = "Keras code", "Keras 代码";
    NAV_SWEEP = "Sweeps", "扫描";
    LEAVE_CLASSROOM = "Leave classroom mode", "退出课堂模式";
    /// aria-label of the settings column.
    SETTINGS_ARIA = "settings", "设置";
    /// `{}`: the panic message.
    PANIC_MESSAGE = "relu-lab hit an internal error and stopped: {}", "relu-lab 遇到内部错误，已停止运行：{}";
    PANIC_RELOAD = "Reload the page", "重新加载页面";
    /// index.html's first paint, shown before the wasm arrives (`data-i18n` there; tests/docs.rs
    /// checks both languages match).
    BOOT_LOADING = "Loading the lab…", "正在加载实验室……";
    /// index.html: the wasm or its script failed to load; {} is the browser's reason.
    BOOT_FAILED = "The lab could not load ({}). Check the connection, then reload the page.",
        "实验室加载失败（{}）。请检查网络连接，然后重新加载页面。";
    /// A panel whose code loads after the page (src/ui/chunk.rs) could not be fetched.
    CHUNK_FAILED = "This panel could not be loaded (the connection dropped, or this page was opened offline before it was kept). The rest of the page works.",
        "无法加载这个面板（网络中断，或本页面在保存它之前就已离线打开）。页面的其余部分可以正常使用。";
    /// The button beside `CHUNK_FAILED`.
    CHUNK_RETRY = "Try again", "重试";
    /// The status line while a run other than plain ReLU waits for its training code's chunk.
    KERNELS_LOADING = "Loading the training code this network needs…", "正在加载这个网络需要的训练代码……";
    /// That chunk could not be fetched.
    KERNELS_FAILED = "The training code this network needs could not be loaded (the connection dropped, or this page was opened offline before it was kept). Press play to try again.",
        "无法加载这个网络需要的训练代码（网络中断，或本页面在保存它之前就已离线打开）。按播放键重试。";

    // ── Transport: play, step, reset, speed, epoch counter (src/ui/frame_loop.rs) ───────────────
    PLAY = "▶ Play", "▶ 播放";
    PAUSE = "❚❚ Pause", "❚❚ 暂停";
    KEEP_TRAINING = "▶ Keep training", "▶ 继续训练";
    PLAY_TIP = "Play / pause (space)", "播放 / 暂停（空格键）";
    STEP_BATCH = "Step batch", "单步 batch";
    STEP_BATCH_TIP = "Train one batch (s)", "训练一个 batch（s 键）";
    STEP_EPOCH = "Step epoch", "单步 epoch";
    STEP_EPOCH_TIP = "Train to the end of this epoch (e)", "训练到本 epoch 结束（e 键）";
    RESET = "Reset", "重置";
    RESET_TIP = "Start this run again from its first update (r)", "从第一次更新起重新开始这次运行（r 键）";
    /// The speed menu's label (the page writes "Speed " with a trailing space before the menu).
    SPEED = "Speed", "速度";
    SPEED_TIP = "How much training each screen refresh does", "每次刷新屏幕时训练多少";
    SPEED_BATCH = "1 batch / frame", "每帧 1 个 batch";
    SPEED_ONE_EPOCH = "1 epoch / frame", "每帧 1 个 epoch";
    /// `{}`: epochs per frame (10, 100): at most, within the frame's time budget (a big network
    /// trains fewer; the words say so).
    SPEED_EPOCHS = "up to {} epoch{s} / frame", "每帧最多 {} 个 epoch";
    SPEED_MAX = "as fast as possible", "尽可能快";
    /// `{}`: the epoch reached, then the epochs of the run.
    EPOCH_COUNTER = "epoch {} / {}", "第 {} / {} 个 epoch";
    /// In the middle of an epoch. `{}`: the epoch under way, the epochs, the last update made.
    EPOCH_COUNTER_MID = "epoch {} / {}, update {} done", "第 {} / {} 个 epoch，第 {} 次更新已完成";

    // ── Status line (src/ui/mod.rs, frame_loop.rs, share.rs, lesson_panel.rs, sweep_panel.rs) ───
    STATUS_SETTINGS_CHANGED = "Settings changed: the run was reset to epoch 0.", "设置已更改：运行已重置到第 0 个 epoch。";
    /// `{}`: the preset's title.
    STATUS_PRESET_LOADED = "Loaded preset: {}.", "已载入预设：{}。";
    STATUS_DIVERGED = "The run diverged; press reset (r) or change a setting.", "这次运行已经发散；请按重置（r 键）或更改设置。";
    /// `{}`: how many more epochs.
    STATUS_KEEP_TRAINING = "Keep training: {} more epoch{s}.", "继续训练：再训练 {} 个 epoch。";
    STATUS_RESET = "Reset: the same run starts again from its first update.", "已重置：同一次运行从第一次更新重新开始。";
    /// `{}`: the step's number, from 1.
    STATUS_LESSON_STEP = "Lesson step {}", "课程第 {} 步";
    /// `{}`: the seed.
    STATUS_SWEEP_SEED_OPENED = "Opened seed {} of the sweep.", "已打开扫描中的种子 {}。";
    STATUS_PINNED = "Pinned: this run stays on the charts while you change the settings.",
        "已固定：你更改设置时，这次运行会一直留在图表上。";
    STATUS_LINK_COPIED = "Link copied.", "链接已复制。";
    STATUS_LINK_NOT_COPIED = "Could not copy the link: select it and copy by hand.", "无法复制链接：请选中后手动复制。";
    STATUS_KERAS_COPIED = "Keras code copied.", "Keras 代码已复制。";
    STATUS_KERAS_NOT_COPIED = "Could not copy the Keras code: select it and copy by hand.", "无法复制 Keras 代码：请选中后手动复制。";

    // ── Notices list (src/ui/mod.rs) ─────────────────────────────────────────────────────────────
    NOTICES_HEADING = "Some settings were not taken as written:", "以下设置未按所写的值采用：";
    NOTICES_DISMISS = "Dismiss", "关闭";

    // ── Banner: the learner's log (src/ui/mod.rs) ────────────────────────────────────────────────
    WHY_ACCURACY = "Why is the accuracy what it is?", "为什么准确率是这个值？";
    LEARNERS_LOG_HEADING = "The line the learner posted:", "提问者贴出的那一行：";
    LEARNERS_LOG_PRESS_PLAY = "Press play: this program prints the same numbers.", "请按播放：这个程序会打印出相同的数字。";

    // ── Controls: group titles (src/ui/controls.rs) ──────────────────────────────────────────────
    GROUP_PRESET = "Preset", "预设";
    GROUP_DATA = "Data", "数据";
    GROUP_NETWORK = "Network", "网络";
    GROUP_TRAINING = "Training", "训练";

    // ── Controls: label and tooltip of each key ──────────────────────────────────────────────────
    /// The preset menu's tooltip (it lists five presets: the question's four programs and its log).
    PRESET_TIP = "The four programs of the original question and its answers.", "原问题及其回答中的四个程序。";
    LABEL_DATA = "inputs x", "输入 x";
    TIP_DATA = "arange: evenly spaced x like np.arange(1, 1000). randn: x drawn from a normal distribution around 0.",
        "arange：等间距的 x，如 np.arange(1, 1000)。randn：从以 0 为中心的正态分布中抽取 x。";
    LABEL_START = "start", "起点";
    TIP_START = "First x of arange.", "arange 的第一个 x。";
    LABEL_STOP = "stop", "终点";
    TIP_STOP = "arange stops before this x (like numpy).", "arange 在到达这个 x 之前停止（与 numpy 一样）。";
    LABEL_STEP = "step", "步长";
    TIP_STEP = "Distance between neighbouring x.", "相邻两个 x 之间的距离。";
    LABEL_POINTS = "points", "点数";
    TIP_POINTS = "How many x to draw.", "要抽取多少个 x。";
    LABEL_LOW = "low", "下限";
    TIP_LOW = "Smallest x of the uniform draw.", "均匀分布抽样中 x 的最小值。";
    LABEL_HIGH = "high", "上限";
    TIP_HIGH = "Largest x of the uniform draw.", "均匀分布抽样中 x 的最大值。";
    LABEL_TRAIN = "training points", "训练点数";
    TIP_TRAIN = "The first points given to fit (x[:750]); the rest is the test part, never trained on.",
        "交给 fit 的前若干个点（x[:750]）；其余是测试部分，从不参与训练。";
    LABEL_VSPLIT = "validation split", "验证集比例";
    TIP_VSPLIT = "Keras holds out the LAST part of the training points for validation, before shuffling.",
        "Keras 在打乱顺序之前，把训练点中“最后”的那一部分留作验证集。";
    LABEL_NOISE = "noise", "噪声";
    TIP_NOISE = "Standard deviation of random noise added to the target y.", "加到目标值 y 上的随机噪声的标准差。";
    LABEL_XSCALE = "scale x", "缩放 x";
    TIP_XSCALE = "standard: subtract the mean, divide by the std, so x is near 1 instead of near 1000 and the gradient's factor x is no longer huge. On the learner's program that alone does not save it: y still reaches 1,200, so scale y too, with a linear output.",
        "standard：减去均值再除以标准差，让 x 在 1 附近而不是 1000 附近，梯度中的因子 x 就不再巨大。但在提问者的程序里，仅此一项救不了它：y 仍然大到 1,200，所以 y 也要缩放，并改用线性输出。";
    LABEL_YSCALE = "scale y", "缩放 y";
    TIP_YSCALE = "Scale the targets too; the charts still show original units.", "同时缩放目标值；图表仍以原始单位显示。";
    /// The tooltip of the whole hidden-layers block.
    TIP_HIDDEN = "How many units each hidden layer has. More units: more kinks the line can bend at. More layers: deeper, and a narrow deep ReLU network is often born dead.",
        "每个隐藏层有多少个单元。单元越多，折线能弯折的拐点就越多。层数越多，网络越深，而又窄又深的 ReLU 网络常常生来即死。";
    LABEL_HIDDEN = "hidden units", "隐藏单元";
    /// aria-label of the widths box.
    ARIA_HIDDEN = "units of each hidden layer, comma-separated", "每个隐藏层的单元数，用逗号分隔";
    /// `{}`: the layer's number, from 1. Also the units chart's layer tabs and its legend.
    LAYER_N = "layer {}", "第 {} 层";
    /// aria-label of a layer's slider and box. `{}`: the layer's number, from 1.
    ARIA_LAYER_UNITS = "units of layer {}", "第 {} 层的单元数";
    ADD_LAYER = "+ layer", "+ 加一层";
    REMOVE_LAYER = "− layer", "− 减一层";
    LABEL_ACT = "hidden activation", "隐藏层激活函数";
    TIP_ACT = "relu outputs 0 for negative input and then passes no gradient: a unit can die. leaky_relu, prelu, elu and selu cannot die.",
        "relu 对负的输入输出 0，这时不回传任何梯度：单元可能会死。leaky_relu、prelu、elu 和 selu 不会死。";
    LABEL_ALPHA = "leaky slope", "leaky 斜率";
    TIP_ALPHA = "leaky_relu's slope below 0 (Keras 3's default 0.2).", "leaky_relu 在 0 以下的斜率（Keras 3 默认为 0.2）。";
    LABEL_OUT = "output activation", "输出层激活函数";
    TIP_OUT = "A relu output can only predict values ≥ 0 and dies if its input is negative for every x. sigmoid stays between 0 and 1; softmax over one unit is always 1. Regression wants linear.",
        "relu 输出只能预测 ≥ 0 的值，而且如果它对每个 x 的输入都是负数，它就会死。sigmoid 只在 0 到 1 之间；只有一个单元的 softmax 永远等于 1。回归问题应该用 linear。";
    LABEL_INIT = "initial weights", "初始权重";
    TIP_INIT = "How the first weights are drawn (Keras' Dense uses glorot_uniform). rai (Lu et al. 2019) gives every unit one positive weight, against networks born dead.",
        "初始权重如何随机抽取（Keras 的 Dense 默认用 glorot_uniform）。rai（Lu 等，2019）给每个单元一个正权重，防止网络生来即死。";
    LABEL_BIAS = "initial hidden bias", "隐藏层初始偏置";
    TIP_BIAS = "Keras starts biases at 0. A small positive bias keeps more ReLUs alive at the start.",
        "Keras 的偏置初始为 0。一个小的正偏置能让更多 ReLU 在开始时保持存活。";
    LABEL_OPT = "optimizer", "优化器";
    TIP_OPT = "sgd: step = learning rate × gradient. adam: each step has about the size of the learning rate, however large the gradient.",
        "sgd：步长 = 学习率 × 梯度。adam：无论梯度多大，每一步的大小都约等于学习率。";
    LABEL_LR = "learning rate", "学习率";
    TIP_LR = "How far each update moves the weights along the gradient. With x up to 1000 the gradient is huge, so even 0.01 throws the weights far.",
        "每次更新沿梯度把权重移动多远。x 最大到 1000 时梯度巨大，所以即使是 0.01 也会把权重甩得很远。";
    /// aria-label of the learning-rate slider.
    ARIA_LR_SLIDER = "learning rate (log scale)", "学习率（对数刻度）";
    LABEL_MOMENTUM = "momentum", "动量";
    TIP_MOMENTUM = "How much of the previous step is added to the next one.", "上一步有多少被加到下一步中。";
    LABEL_DECAY = "decay", "衰减";
    TIP_DECAY = "Old Keras decay: the learning rate shrinks as lr / (1 + decay × updates).",
        "旧版 Keras 的 decay：学习率按 lr / (1 + decay × 更新次数) 逐渐减小。";
    LABEL_BATCH = "batch size", "批大小";
    TIP_BATCH = "Points per update. The loss Keras prints is measured on each batch before its update.",
        "每次更新用多少个点。Keras 打印的 loss 是在每个 batch 更新之前、在这个 batch 上测得的。";
    LABEL_EPOCHS = "epochs", "epoch 数";
    TIP_EPOCHS = "Passes over the training points; the run stops there (press play to keep going).",
        "遍历训练点的轮数；运行到这里就停止（按播放可以继续）。";
    LABEL_METRIC = "metric", "评估指标";
    TIP_METRIC = "accuracy counts y == (ŷ > 0.5) for one output: meaningless for a regression. mae is the mean distance to the target.",
        "单输出时 accuracy 统计 y == (ŷ > 0.5) 的比例：对回归问题毫无意义。mae 是到目标值的平均距离。";
    LABEL_SEED = "seed", "随机种子";
    TIP_SEED = "Fixes the random numbers: the data (randn), the initial weights and the shuffling. The same seed gives the same run.",
        "固定随机数：数据（randn）、初始权重和打乱顺序。相同的种子得到相同的运行。";
    NEW_SEED = "new seed", "新种子";
    NEW_SEED_TIP = "Draw a new seed: other initial weights", "抽一个新种子：换一组初始权重";

    // ── Share bar (src/ui/share.rs) ──────────────────────────────────────────────────────────────
    COPY_LINK = "Copy link", "复制链接";
    COPY_LINK_TIP = "Copy a link that reproduces this exact run", "复制一个能精确重现这次运行的链接";
    /// aria-label of the link box.
    SHARE_LINK_ARIA = "share link", "分享链接";
    CHARTS_PNG = "Charts PNG", "图表 PNG";
    CHARTS_PNG_TIP = "Save the three charts as PNG images", "把三张图表保存为 PNG 图片";
    HISTORY_CSV = "History CSV", "训练历史 CSV";
    HISTORY_CSV_TIP = "Save the per-epoch numbers as a CSV file", "把每个 epoch 的数据保存为 CSV 文件";
    QR_BUTTON = "QR code", "二维码";
    QR_BUTTON_TIP = "Show the link as a QR code the class can scan", "把链接显示为全班可以扫描的二维码";
    QR_ARIA = "QR code of the share link", "分享链接的二维码";
    QR_HINT = "Scan to open this exact run:", "扫描即可打开这次运行：";
    QR_TOO_LONG = "This link is too long for a QR code: copy it instead.", "这个链接太长，无法生成二维码：请直接复制链接。";
    HANDOUT = "Handout", "讲义";
    HANDOUT_TIP = "Print this step on one A4 page: its text, the charts, the link and its QR code", "把这一步打印在一页 A4 纸上：说明文字、图表、链接和二维码";

    // ── Keras panel (src/ui/share.rs) ────────────────────────────────────────────────────────────
    /// The lesson quotes this button: “显示 Keras 代码”.
    SHOW_KERAS_CODE = "Show Keras code", "显示 Keras 代码";
    COPY_CODE = "Copy code", "复制代码";

    // ── Classroom panel (src/ui/share.rs) ────────────────────────────────────────────────────────
    GROUP_CLASSROOM = "Classroom", "课堂";
    CLASSROOM_TIP = "Bigger charts and text for a projector; the link remembers it (class=1)",
        "为投影仪放大图表和文字；链接会记住这一设置（class=1）";
    CLASSROOM_MODE = "classroom mode", "课堂模式";
    HIDE_IN_LINK = "Hide in the link (for students):", "在链接中隐藏（给学生用）：";
    HIDE_HINT = "Checked panels hide while classroom mode is on.", "课堂模式开启时，勾选的面板会被隐藏。";

    // ── Lesson panel (src/ui/lesson_panel.rs) ────────────────────────────────────────────────────
    LESSON_HEADING = "Lesson: why does my network output 0?", "课程：为什么我的网络总是输出 0？";
    /// `{}`: the next step's title.
    LESSON_NEXT = "Next: {}", "下一步：{}";
    LESSON_CLOSE = "close the lesson step", "关闭本课程步骤";
    /// aria-label of the language buttons (which show "English" and "中文" in every language).
    LANGUAGE_ARIA = "language", "语言";

    // ── Notices: the sentences (src/engine/config/notice.rs) ─────────────────────────────────────
    /// `{}`: the key, then the value.
    NOTICE_UNKNOWN_KEY = "unknown key “{}” (value “{}”) ignored", "未知的键 “{}”（值为 “{}”）已忽略";
    /// `{}`: key, value, what was expected (one of the `EXPECTED_*` messages), the value used.
    NOTICE_INVALID = "“{}={}” is not {}; using {}", "“{}={}” 无效，应为：{}；改用 {}";
    /// `{}`: key, value, the range (`RANGE`, `RANGE_LAYERS`), the value used.
    NOTICE_CLAMPED = "“{}={}” is outside {}; using {}", "“{}={}” 超出范围（{}）；改用 {}";
    /// `{}`: the key, then its last value.
    NOTICE_REPEATED = "“{}” appears more than once; the last value “{}” counts", "“{}” 出现了不止一次；以最后一个值 “{}” 为准";
    /// `{}`: key, value, why (one of the `WHY_*` messages), the value used.
    NOTICE_ADJUSTED = "“{}={}” {}; using {}", "“{}={}” {}；改用 {}";

    // ── Notices: what was expected (src/engine/config/values.rs, mod.rs) ───────────────────────
    /// `{}`: the low end, then the high end.
    EXPECTED_NUMBER = "a number from {} to {}", "{} 到 {} 之间的数";
    /// `{}`: the low end, then the high end.
    EXPECTED_WHOLE = "a whole number from {} to {}", "{} 到 {} 之间的整数";
    EXPECTED_FLAG = "0 or 1", "0 或 1";
    /// `{}`: the allowed names, comma-separated.
    EXPECTED_LIST = "a list of {}", "由 {} 组成的列表";
    /// `{}`: the allowed names, comma-separated.
    EXPECTED_ONE_OF = "one of {}", "{} 之一";
    /// `{}`: the most layers, then the most units.
    EXPECTED_WIDTHS = "a list of 1 to {} layer widths from 1 to {}, like 128 or 8,8,4",
        "由 1 到 {} 个层宽组成的列表（每个宽度为 1 到 {}），如 128 或 8,8,4";
    /// `{}`: the most weights, then how many this network has.
    EXPECTED_FEWER_WEIGHTS = "a network of at most {} weights (this one has {}, too many to train live)",
        "最多 {} 个权重的网络（这个网络有 {} 个，太多了，无法实时训练）";
    /// `{}`: the most keys, the most values, then what was dropped (`SWEEP_DROPPED_KEY`, `key:value`).
    EXPECTED_SWEEP = "up to {} run keys with up to {} values each ({} cannot be used)",
        "最多 {} 个运行设置键、每个最多 {} 个值（{} 无法使用）";
    /// A key a sweep cannot vary, in `EXPECTED_SWEEP`. `{}`: the key.
    SWEEP_DROPPED_KEY = "key “{}”", "键 “{}”";
    EXPECTED_LINK_VERSION = "link version 1", "链接版本 1";
    /// `{}`: the low end, then the high end.
    RANGE = "the range {} to {}", "{} 到 {}";
    /// `{}`: the most layers, then the most units.
    RANGE_LAYERS = "1 to {} layers of 1 to {} units", "1 到 {} 层、每层 1 到 {} 个单元";

    // ── Notices: why a setting was adjusted (src/engine/config/mod.rs) ───────────────────────────
    WHY_NOT_TRAINABLE = "is not a network relu-lab can train", "不是 relu-lab 能训练的网络";
    /// `{}`: `start`.
    WHY_STOP_ABOVE_START = "must be above “start”={}", "必须大于 “start”={}";
    /// `{}`: the most points.
    WHY_TOO_MANY_POINTS = "would make more than {} points", "会产生超过 {} 个数据点";
    /// `{}`: `lo`.
    WHY_HI_ABOVE_LO = "must be above “lo”={}", "必须大于 “lo”={}";
    /// `{}`: how many points the data has.
    WHY_MORE_THAN_DATA = "is more than the {} data point{s}", "超过了数据点的总数 {}";
    /// `{}`: the training points.
    WHY_NOTHING_TO_FIT = "leaves none of the {} training point{s} to train on", "使 {} 个训练点中没有一个可用于训练";

    // ── Charts: the tabs and canvases' labels (src/ui/canvas.rs) ─────────────────────────────────
    /// The loss chart's first tab.
    TAB_LOSS = "loss", "损失";
    /// aria-label of the loss chart's tabs.
    LOSS_TABS_ARIA = "loss chart shows", "损失图显示";
    LOSS_CHART_ARIA = "loss per epoch", "每个 epoch 的损失";
    /// aria-label of the units chart's layer tabs.
    UNITS_TABS_ARIA = "units chart shows layer", "单元图显示的层";
    UNITS_CHART_ARIA = "what each hidden unit adds to the output; dead units in grey", "每个隐藏单元为输出贡献了什么；死亡单元为灰色";

    // ── Charts: fit (src/charts/fit.rs) ──────────────────────────────────────────────────────────
    FIT_CAPTION = "data, target and the network's prediction", "数据、目标和网络的预测";
    LEGEND_TRAIN = "train", "训练集";
    LEGEND_VALIDATION = "validation", "验证集";
    LEGEND_TEST = "test", "测试集";
    /// `{}`: the slope, then the intercept as " + 3" or " − 3" (empty for 0).
    /// `{}`: the target (`Target::words`).
    LEGEND_TARGET = "target {}", "目标 {}";
    LEGEND_NETWORK = "network", "网络";

    // ── Charts: loss (src/charts/loss.rs) ────────────────────────────────────────────────────────
    LOSS_MSE = "loss (MSE)", "损失 (MSE)";
    /// The accuracy metric: the loss chart's tab and series (MAE stays MAE).
    METRIC_ACCURACY = "accuracy", "准确率";
    /// The MAE metric: the loss chart's tab and series.
    METRIC_MAE = "MAE", "平均绝对误差 MAE";
    /// `{}`: `LOSS_MSE`, MAE or `METRIC_ACCURACY`; `LOG_SCALE` follows it on a log axis.
    PER_EPOCH_CAPTION = "{} per epoch", "每个 epoch 的{}";
    /// Appended to `PER_EPOCH_CAPTION`.
    LOG_SCALE = " (log scale)", "（对数坐标）";
    AXIS_EPOCH = "epoch", "epoch（轮次）";
    /// `{}`: the epoch.
    DIVERGED_AT = "diverged at epoch {}", "在第 {} 个 epoch 发散";
    PRESS_PLAY_TO_TRAIN = "press play to train", "按播放开始训练";

    // ── Charts: hidden units (src/charts/units.rs) ───────────────────────────────────────────────
    /// One hidden layer that can die. `{}`: the dead units, then all units.
    UNITS_CAPTION_DEAD = "hidden units: {} of {} dead (grey)", "隐藏单元：{} 个已死（共 {} 个，灰色）";
    /// One hidden layer that cannot die. `{}`: the units, then the activation.
    UNITS_CAPTION = "hidden units ({}, {})", "隐藏单元（{} 个，{}）";
    /// `{}`: the layer (from 1), the layers, the dead units, all its units.
    LAYER_CAPTION_DEAD = "layer {} of {}: {} of {} dead (grey)", "第 {} 层（共 {} 层）：{} 个已死（共 {} 个，灰色）";
    /// `{}`: the layer (from 1), the layers, its units, the activation.
    LAYER_CAPTION = "layer {} of {} ({}, {})", "第 {} 层（共 {} 层；{} 个单元，{}）";
    DEAD_PER_EPOCH = "dead units per epoch", "每个 epoch 的死亡单元数";

    // ── Charts: sweep (src/charts/sweep.rs) ──────────────────────────────────────────────────────
    /// The one bar of a sweep that varies nothing.
    THIS_RUNS_SETTINGS = "this run's settings", "本次运行的设置";
    OUTCOMES_OVER_SEEDS = "outcomes over seeds", "不同种子下的结局";
    /// `{}`: the varied key.
    OUTCOMES_OVER_SEEDS_BY = "outcomes over seeds, by {}", "不同种子下的结局，按 {} 划分";
    SHARE_OF_RUNS = "share of runs", "运行占比";
    THEORY = "theory", "理论值";
    INTERVAL_95 = "95% interval", "95% 区间";
    /// The heat map. `{}`: the outcome (an `OUTCOME_*` message), then the two keys.
    HEAT_MAP_CAPTION = "share of runs {} by {} and {}", "{}的运行占比，按 {} 和 {} 划分";

    // ── Sweep panel (src/ui/sweep_panel.rs) ──────────────────────────────────────────────────────
    SWEEP_HEADING = "How often does it die? Sweep over seeds and settings", "它有多常死掉？在随机种子和设置上扫描";
    SWEEP_HINT = "Runs these settings with many seeds, in the background on every core, and counts how each run ends. Vary up to two settings: list values with | or give a range, like 0.0001..1 x5 log.",
        "在后台用所有处理器核心、以许多随机种子运行这些设置，并统计每次运行的结局。最多可以改变两个设置：用 | 列出取值，或给出一个范围，如 0.0001..1 x5 log。";
    /// Before the first setting's menu.
    SWEEP_VARY = "vary", "改变";
    /// Before the second setting's menu.
    SWEEP_AND = "and", "以及";
    /// The setting menus' empty choice.
    SWEEP_NOTHING = "(nothing)", "（不改变）";
    /// aria-label of a setting menu. `{}`: 1 or 2.
    SWEEP_KEY_ARIA = "setting {} to vary", "要改变的第 {} 个设置";
    /// aria-label of a values box. `{}`: 1 or 2.
    SWEEP_VALUES_ARIA = "values of setting {}", "第 {} 个设置的取值";
    SWEEP_VALUES_PLACEHOLDER = "0.001|0.01|0.1  or  0.0001..1 x5 log", "0.001|0.01|0.1  或  0.0001..1 x5 log";
    SEEDS_PER_CELL = "seeds per cell", "每格种子数";
    /// `{}`: the first seed.
    FROM_SEED = "from seed {}", "从种子 {} 开始";
    RUN_SWEEP = "Run sweep", "运行扫描";
    CANCEL = "Cancel", "取消";
    RUNS_CSV = "Runs CSV", "各次运行 CSV";
    /// `{}`: runs done, then all runs.
    SWEEP_CANCELLED = "cancelled after {} of {} run{s}", "已取消：完成了 {} 次运行（共 {} 次）";
    /// `{}`: all runs, then the time ("3.2 s").
    SWEEP_DONE = "{} run{s} in {}", "{} 次运行，用时 {}";
    /// `{}`: all runs.
    SWEEP_STARTING = "0 of {} run{s}", "已完成 0 次运行（共 {} 次）";
    /// `{}`: runs done, all runs, the time left ("12 s").
    SWEEP_PROGRESS = "{} of {} run{s}, about {} left", "已完成 {} 次运行（共 {} 次），大约还剩 {}";
    HEAT_MAP_OF = "heat map of", "热力图显示";
    SWEEP_CHART_ARIA = "outcomes of the sweep's runs per cell", "扫描中每格各次运行的结局";
    SWEEP_TABLE_CAPTION = "Runs per cell by outcome: count (share, 95% Wilson interval)", "每格的运行按结局统计：次数（占比，95% Wilson 区间）";
    COLUMN_CELL = "cell", "格";
    COLUMN_RUNS = "runs", "运行次数";
    COLUMN_BORN_DEAD_THEORY = "born dead, theory", "生来即死（理论值）";
    /// A cell's label when the sweep varies nothing.
    THESE_SETTINGS = "these settings", "这些设置";
    /// The background workers (sweeps, the advice's trials) could not be loaded.
    WORKERS_FAILED = "The background workers could not be loaded (offline, and this page has not kept them yet?). Nothing was run; try again when online.",
        "无法加载后台工作线程（处于离线状态，而本页面尚未保存它们？）。什么也没有运行；请在联网后重试。";
    /// The background workers have not started after 30 s; they are used if they still do.
    WORKERS_LATE = "The background workers have not started after 30 s (a slow connection, or they cannot load). Still waiting for them.",
        "后台工作线程 30 秒后仍未启动（网络较慢，或无法加载）。仍在等待。";
    /// A notice that writing one seed of a sweep cell gave (a formula refused at that seed's x). `{}`: the seed, the notice.
    SEED_NOTICE = "seed {}: {}", "随机种子 {}：{}";
    /// Above a sweep cell's notices: it did not run exactly what its label names.
    SWEEP_CELL_NOTICES = "Not run as written:", "未按所写运行：";
    /// After the first notices of a cell. `{}`: how many more.
    SWEEP_MORE_NOTICES = "and {} more", "还有 {} 条";
    OPEN_RUN_TIP = "Open this run in the lab", "在实验区打开这次运行";

    // ── Pinned runs, rewind and the units table (src/ui/compare.rs) ──────────────────────────────
    PIN = "Pin this run", "固定这次运行";
    PIN_TIP = "Keep this run on the charts, training along, while you change the settings (up to 4)",
        "更改设置时，让这次运行留在图表上并继续一起训练（最多 4 个）";
    PINNED_ARIA = "pinned runs", "固定的对比运行";
    /// `{}`: the epoch, then the diagnosis (an `OUTCOME_*`-like word).
    PIN_STATE = "epoch {}, {}", "第 {} 个 epoch，{}";
    /// aria-label of a pinned run's remove button. `{}`: how it differs.
    UNPIN_ARIA = "unpin {}", "取消固定：{}";
    /// `{}`: the update's number, from 1.
    REWIND = "Rewind to just before update {}", "倒回到第 {} 次更新之前";
    /// `{}`: the update's number, from 1.
    NEXT_UPDATE = "Next: update {}. ", "下一步：第 {} 次更新。";
    UPDATE_DIVERGES = "It makes a weight or the loss infinite: training diverges.", "它使某个权重或 loss 变为无穷大：训练发散。";
    UPDATE_KILLS = "The network dies: after it, the output is the same for every x.", "网络死了：在它之后，对每个 x 的输出都一样。";
    UPDATE_SURVIVES = "The network survives it.", "网络挺过了这次更新。";
    /// `{}`: the largest change, the output's input range before and after, the units it kills, then
    /// `UPDATE_KILLS` or `UPDATE_SURVIVES`.
    UPDATE_EFFECT = "It changes a weight by {}. The output's input over the training x goes from {} to {}. It kills {} hidden unit{s}. {}",
        "它让某个权重变化了 {}。输出单元对训练 x 的输入从 {} 变为 {}。它杀死 {} 个隐藏单元。{}";
    NOT_A_NUMBER = "not a number", "不是数字";
    WITH_LR_TENTH = "With the learning rate ÷ 10: ", "把学习率除以 10：";
    TRY_LR_TENTH = "Try this update with the learning rate ÷ 10", "把学习率除以 10 再试这次更新";
    STEP_MAKES_IT_HAPPEN = "Step batch (s) makes the update happen.", "单步 batch（s 键）让这次更新发生。";
    DIED_BEFORE_UPDATES = "before any update", "任何更新之前";
    /// `{}`: the update's number, from 1.
    DIED_AT_UPDATE = "update {}", "第 {} 次更新";
    /// `{}`: the epoch.
    DIED_BY_EPOCH = "by epoch {}", "第 {} 个 epoch 时";
    UNITS_TABLE_SUMMARY = "Table of the hidden units (filled while paused)", "隐藏单元表（暂停时填写）";
    UNITS_TABLE_PAUSE = "Pause the run to fill the table.", "暂停运行即可填写此表。";
    /// `{}`: the layer, from 1.
    UNITS_TABLE_CAPTION = "Hidden layer {}: every unit over the training x", "第 {} 个隐藏层：每个单元在训练 x 上的情况";
    COLUMN_UNIT = "unit", "单元";
    COLUMN_WEIGHT = "weight", "权重";
    COLUMN_BIAS = "bias", "偏置";
    COLUMN_INPUT_RANGE = "input w·x + b over the training x", "训练 x 上的输入 w·x + b";
    COLUMN_STATE = "state", "状态";
    COLUMN_DIED = "died", "死于";
    COLUMN_AT_LARGEST_X = "at the largest x", "在最大的 x 处";
    COLUMN_INPUT_RANGE_BN = "input γ·(w·x + b − mean)/√(var + ε) + β over the training x",
        "训练 x 上的输入 γ·(w·x + b − 均值)/√(方差 + ε) + β";
    COLUMN_GAMMA_BETA = "γ, β (batch normalization)", "γ、β（批归一化）";
    COLUMN_MOVING = "moving mean, variance", "滑动均值、方差";
    DEAD = "dead", "已死";
    ALIVE = "alive", "存活";

    // ── Keyboard and charts' descriptions (src/ui/frame_loop.rs, canvas.rs) ─────────────────────
    SHORTCUTS = "Keys: space play/pause · s step batch · e step epoch · r reset", "按键：空格 播放/暂停 · s 单步 batch · e 单步 epoch · r 重置";
    SHOW_AS_TABLE = "Show as a table", "以表格显示";
    /// `{}`: the loss, the epoch, the first epoch's loss.
    DESCRIBE_LOSS_MOVING = "loss {} at epoch {} (epoch 1: {})", "loss 为 {}（第 {} 个 epoch；第 1 个 epoch 为 {}）";
    /// `{}`: the validation loss.
    DESCRIBE_VALIDATION = "; validation {}", "；验证集 {}";
    /// `{}`: the loss, the epoch, the epoch since which it is flat, the validation loss.
    DESCRIBE_LOSS = "loss {} at epoch {}, flat since epoch {}", "loss 为 {}（第 {} 个 epoch），自第 {} 个 epoch 起不再变化";
    NO_EPOCH_YET = "no epoch trained yet", "还没有训练过任何 epoch";
    /// `{}`: the root mean square distance, the target (`Target::words`).
    DESCRIBE_FIT = "at the weights now, the network's line is {} from {} on average over the training x (root mean square)", "按现在的权重，在训练 x 上，网络的曲线与 {1} 的均方根距离为 {0}";
    /// `{}`: dead units, all units.
    DESCRIBE_UNITS = "{} of {} hidden units dead", "{} 个隐藏单元已死（共 {} 个）";
    COLUMN_EPOCH = "epoch", "epoch（轮次）";
    COLUMN_LOSS = "loss", "损失";
    COLUMN_VAL_LOSS = "validation loss", "验证集损失";
    COLUMN_X = "x", "输入 x";
    COLUMN_TARGET = "target y", "目标 y";
    COLUMN_PREDICTION = "network", "网络";

    // ── Presets: `Preset::title` (src/engine/config/presets.rs) ──────────────────────────────────
    PRESET_QUESTION = "The question: raw x = 1…999, relu output, SGD", "原问题：原始 x = 1…999，relu 输出，SGD";
    PRESET_FEWER_POINTS = "Fix 1: fewer points (x = 1…9) and 12 units", "修正 1：更少的数据点（x = 1…9）和 12 个神经元";
    PRESET_STANDARDIZED = "Fix 2: standardised inputs and a linear output", "修正 2：标准化输入和线性输出";
    PRESET_ADAM = "Fix 3: Adam, lr 1e-4 and a linear output", "修正 3：Adam、学习率 1e-4 和线性输出";
    PRESET_LOG = "The log in the question: x = 1…99,999 and a softmax output", "问题中的日志：x = 1…99,999 和 softmax 输出";

    // ── Outcomes: `Outcome::name` as people read it (src/engine/train/diagnosis.rs) ──────────────
    OUTCOME_BORN_DEAD = "born dead", "生来即死";
    OUTCOME_KILLED = "killed", "被杀死";
    OUTCOME_HIDDEN_DEAD = "hidden dead", "隐藏层死亡";
    OUTCOME_DIVERGED = "diverged", "发散";
    /// A pinned run with no update yet.
    NOT_STARTED = "not started", "尚未开始";
    OUTCOME_LEARNING = "learning", "学习中";
    OUTCOME_CONVERGED = "converged", "已收敛";

    // ── Diagnosis: why the run ends as it does (core/src/engine/report.rs) ────────────────────
    // Each says the cause the numbers show; the fixes are measured and listed separately.
    /// `{}`: the target (`Target::words`), the training points, the batches per epoch, the batch size.
    EXPLAIN_NOT_STARTED = "Each epoch trains on {} point{s}, in batches of up to {}.",
        "每个 epoch 在 {} 个训练点上训练，每个 batch 最多 {} 个点。";
    /// `{}`: the epoch, the update, the learning rate, the largest input, the largest target (as
    /// the network sees them).
    EXPLAIN_DIVERGED = "Training diverged in epoch {} (update {}): a loss or a weight became infinite or NaN, so training stopped there. Learning rate {} is too large for inputs up to {} and targets up to {}.",
        "训练在第 {} 个 epoch（第 {} 次更新）发散：loss 或某个权重变成了无穷大或 NaN，训练就此停止。对于最大到 {3} 的输入和最大到 {4} 的目标值，学习率 {2} 太大了。";
    /// The numbers and the mechanism under `HEADLINE_OUTPUT_BORN_DEAD` (which says it was born dead
    /// and that no learning rate helps). `{}`: the output's largest input, then mean(y²).
    EXPLAIN_OUTPUT_BORN_DEAD = "Before any update the output's input was ≤ 0 for every x (at most {}), where ReLU's gradient is 0. Loss sits at mean(y²) = {}. With zero biases and x > 0 the output's input is x·Σ v·relu(w), one sign for every x: about half of all seeds start like this.",
        "在任何更新之前，输出单元对每个 x 的输入都 ≤ 0（最大为 {}），而 ReLU 在那里的梯度为 0。loss 停在 mean(y²) = {}。偏置为 0 且 x > 0 时，输出单元的输入是 x·Σ v·relu(w)，对所有 x 符号相同：大约一半的随机种子一开始就是这样。";
    /// Starts `EXPLAIN_OUTPUT_KILLED`'s story when an earlier update did the damage. `{}`: which
    /// weight its largest step moved (`A_HIDDEN_WEIGHT`, `AN_OUTPUT_WEIGHT`), how far.
    EXPLAIN_FIRST_UPDATE = "update 1 already moved {} by {}; then ", "第 1 次更新就让{}变化了 {}；随后";
    /// Which weight an update's largest step moved (`WeightKind`).
    A_HIDDEN_WEIGHT = "a hidden weight", "一个隐藏层权重";
    AN_OUTPUT_WEIGHT = "an output weight", "一个输出层权重";
    /// The numbers under `HEADLINE_OUTPUT_KILLED` (which says the output died, which update did it
    /// and why). `{}`: mean(y²), the largest input, `EXPLAIN_FIRST_UPDATE` or nothing, the killing
    /// update, its epoch, its hidden and output weight steps, the dead hidden units, all hidden units.
    EXPLAIN_OUTPUT_KILLED = "Loss sits at mean(y²) = {}. The gradient is f'(wx+b)·x and x reaches {}: {}update {} (epoch {}) moved a hidden weight by {} and an output weight by {}, and the output's input became ≤ 0 for every x. {} of {} hidden units are dead.",
        "loss 停在 mean(y²) = {}。梯度是 f'(wx+b)·x，而 x 最大到 {}：{}第 {} 次更新（第 {} 个 epoch）让一个隐藏层权重变化了 {}、一个输出层权重变化了 {}，输出单元对每个 x 的输入都变成了 ≤ 0。{8} 个隐藏单元中有 {7} 个已死。";
    /// The mechanism under `HEADLINE_SOFTMAX`. `{}`: mean((y − 1)²), then the loss now.
    EXPLAIN_SOFTMAX = "A softmax over one unit is exp(o)/exp(o) = 1 for any o, so its gradient is exactly 0 and nothing reaches the network. The loss is mean((y − 1)²) = {} in every epoch{}. Keras 3 warns about this; a one-unit softmax is what makes \"whatever I change, I get this output\".",
        "单个单元的 softmax 是 exp(o)/exp(o)，对任何 o 都等于 1，所以它的梯度恰好为 0，没有任何梯度能传回网络。每个 epoch 的 loss 都是 mean((y − 1)²) = {}{}。Keras 3 会对此发出警告；正是单单元 softmax 让人觉得“不管我改什么，输出都一样”。";
    /// In `EXPLAIN_SIGMOID`, when it was saturated from the start.
    EXPLAIN_SIGMOID_BORN = "It was saturated before any update.", "它在任何更新之前就已饱和。";
    /// In `EXPLAIN_SIGMOID`. `{}`: the update, then its epoch.
    EXPLAIN_SIGMOID_PUSHED = "Update {} (epoch {}) pushed it there.", "第 {} 次更新（第 {} 个 epoch）把它推到了那里。";
    /// The mechanism under `HEADLINE_SIGMOID` (which says where it is stuck). `{}`: the input nearest
    /// 0, `EXPLAIN_SIGMOID_BORN` or `EXPLAIN_SIGMOID_PUSHED`, the loss, the largest target (as the
    /// network sees it).
    EXPLAIN_SIGMOID = "The sigmoid's input is {} or beyond for every training x, where σ'(z) = σ(z)(1 − σ(z)) is below 3.1e-7. {} Loss {}. A sigmoid can only output values between 0 and 1, and the targets reach {}.",
        "对每个训练 x，sigmoid 的输入都在 {} 或更远处，那里 σ'(z) = σ(z)(1 − σ(z)) 小于 3.1e-7。{} loss 为 {}。sigmoid 只能输出 0 到 1 之间的值，而目标值达到 {}。";
    /// Appended to a dead hidden layer's text (its headline says "born dead").
    EXPLAIN_HIDDEN_BORN = " No learning rate could have helped: no update had run yet.",
        "任何学习率都无济于事：那时还没有进行任何更新。";
    /// Appended to a dead hidden layer's text. `{}`: the update, then its epoch.
    EXPLAIN_HIDDEN_KILLED = " Update {} (epoch {}) killed it.", "第 {} 次更新（第 {} 个 epoch）杀死了它。";
    /// One hidden layer, all dead: the mechanism under `HEADLINE_LAYER_DEAD`/`_BORN_DEAD` (which say
    /// the network outputs a constant). `{}`: var(y), the loss, `EXPLAIN_HIDDEN_BORN`/`_KILLED` or
    /// nothing.
    /// After a floor the loss sits at or above: the loss now, only when it reads otherwise.
    NOW_LOSS = " (now {})", "（现在是 {}）";
    EXPLAIN_HIDDEN_ALL_DEAD = "Each unit's input w·x + b is ≤ 0 for every training x, so the loss can only fall to var(y) = {}{}.{}",
        "每个单元的输入 w·x + b 对每个训练 x 都 ≤ 0，所以 loss 最多降到 var(y) = {}{}。{}";
    /// `{}`: the layer (from 1), the layers, its units, var(y), the loss, `EXPLAIN_HIDDEN_BORN`/`_KILLED`
    /// or nothing.
    EXPLAIN_LAYER_DEAD = "Hidden layer {} of {}: all {} of its ReLUs have input ≤ 0 for every training x, so it passes on zeros and no gradient flows below it. The loss can only fall to var(y) = {}{}.{} Deep, narrow ReLU networks are born like this more often the deeper they are (Lu et al. 2019).",
        "第 {} 个隐藏层（共 {} 层）：它的全部 {} 个 ReLU 对每个训练 x 的输入都 ≤ 0，所以它只输出 0，梯度无法传到它下面的层。loss 最多降到 var(y) = {}{}。{}又深又窄的 ReLU 网络越深越容易生来即死（Lu 等，2019）。";
    /// Appended to `EXPLAIN_LEARNING`, one hidden layer. `{}`: dead units, all units.
    EXPLAIN_SOME_DEAD = " {} of {} hidden units are dead (they can never come back).", "{1} 个隐藏单元中有 {0} 个已死（它们再也不会复活）。";
    /// Appended to `EXPLAIN_LEARNING`, several layers. `{}`: dead units, all units.
    EXPLAIN_SOME_DEAD_DEEP = " {} of {} hidden units are dead on every training input.", "{1} 个隐藏单元中有 {0} 个对每个训练输入都已死。";
    /// The numbers under `HEADLINE_LEARNING` (which says "Learning" and names the target).
    /// `{}`: the first training loss, the training loss now, the fit limit (`judge::Floors`),
    /// `EXPLAIN_SOME_DEAD`/`_DEEP` or nothing.
    EXPLAIN_LEARNING = "Training loss {} → {}; a fit takes {} or less.{}",
        "训练 loss {} → {}；要拟合，需要降到 {} 或更低。{}";
    /// `EXPLAIN_LEARNING` when the first training loss reads as the loss now (one epoch, or a
    /// rewound run): said once. `{}`: the training loss, the fit limit, `EXPLAIN_SOME_DEAD`/`_DEEP`
    /// or nothing.
    EXPLAIN_LEARNING_AT = "Training loss {}; a fit takes {} or less.{}",
        "训练 loss {}；要拟合，需要降到 {} 或更低。{}";
    /// The numbers under `HEADLINE_CONVERGED` (which says what was learned, with R²). `{}`: the
    /// training loss, var(y).
    EXPLAIN_CONVERGED = "Training loss {} is below 2% of var(y) = {}: the mark of a fit.",
        "训练 loss {} 低于 var(y) = {} 的 2%：达到了拟合的标准。";
    /// `EXPLAIN_CONVERGED` where y is the same at every training point (`f=3`), so var(y) is 0.
    /// `{}`: the training loss, the fit limit.
    EXPLAIN_CONVERGED_CONSTANT = "Training loss {} is below {}: y is the same at every training point, so var(y) is 0 and R² says nothing; a fit takes 2% of the mean of y² (0.02 where y is 0).",
        "训练 loss {} 低于 {}：y 在每个训练点都相同，var(y) 为 0，R² 没有意义；拟合的标准是 y² 均值的 2%（y 为 0 时为 0.02）。";
    /// A fit judged by the data's own floor: the numbers under `HEADLINE_AT_NOISE_FLOOR` (which
    /// gives R²). `{}`: the training loss, the noise floor, the best straight line's loss.
    EXPLAIN_AT_NOISE_FLOOR = "Training loss {} is at the data's noise floor, {} (the scatter of each point around its neighbours; the best straight line leaves {}). The rest looks like noise: a network that went lower would be learning the noise.",
        "训练 loss {} 已到数据的噪声下限 {}（每个点相对其相邻点的离散程度；最佳直线剩下 {}）。剩下的看起来是噪声：再往下降，网络就是在学习噪声了。";
    /// `EXPLAIN_AT_NOISE_FLOOR` on too few points to estimate the noise: the floor is the noise
    /// the lab added. `{}`: the training loss, σ² (training units), the best straight line's loss.
    EXPLAIN_AT_ADDED_NOISE = "Training loss {} is at the noise the data was made with, σ² = {} (the best straight line leaves {}). The rest is noise: a network that went lower would be learning the noise.",
        "训练 loss {} 已到生成数据时加入的噪声 σ² = {}（最佳直线剩下 {}）。剩下的是噪声：再往下降，网络就是在学习噪声了。";
    /// `EXPLAIN_AT_NOISE_FLOOR` when the training loss is under half the floor: the network fits
    /// the noise itself. `{}`: the training loss, the floor, the best straight line's loss.
    EXPLAIN_BELOW_NOISE_FLOOR = "Training loss {} is below the data's noise floor, {} (the best straight line leaves {}): the network is learning the noise of these points, not the function behind them.",
        "训练 loss {} 已低于数据的噪声下限 {}（最佳直线剩下 {}）：网络学的是这些点的噪声，而不是它们背后的函数。";
    /// `EXPLAIN_AT_ADDED_NOISE` when the training loss is under half of σ². `{}`: as there.
    EXPLAIN_BELOW_ADDED_NOISE = "Training loss {} is below the noise the data was made with, σ² = {} (the best straight line leaves {}): the network is learning the noise of these few points, not the function behind them.",
        "训练 loss {} 已低于生成数据时加入的噪声 σ² = {}（最佳直线剩下 {}）：网络学的是这几个点的噪声，而不是它们背后的函数。";
    /// With y scaled: the training loss and MAE in y's own units. `{}`: the root of the mean square
    /// error, the mean absolute error.
    EXPLAIN_IN_Y_UNITS = " In y's own units, over the last epoch (as Keras averages its batches): RMSE {}, MAE {}.", "换算回 y 的原始单位，按最后一个 epoch（Keras 对各 batch 取平均）：RMSE {}，MAE {}。";
    /// `{}`: accuracy as Keras 3 counts it, then as Keras 2 does.
    EXPLAIN_ACCURACY = "Accuracy {} (Keras 3) / {} (Keras 2): for one output Keras counts a hit when y == (ŷ > 0.5) (Keras 3) or y == round(ŷ) (Keras 2, the thread's era). A regression's targets are seldom exactly 0 or 1, and equal round(ŷ) only when a prediction is within ±0.5: accuracy is the wrong metric for regression. Watch the loss or MAE.",
        "准确率 {} (Keras 3) / {} (Keras 2)：单输出时 Keras 在 y == (ŷ > 0.5)（Keras 3）或 y == round(ŷ)（Keras 2，提问时的版本）时才算命中。回归的目标值很少恰好是 0 或 1，而且只有预测误差在 ±0.5 以内时才等于 round(ŷ)：准确率不适合回归问题。请看 loss 或 MAE。";
    /// `{}`: this run's loss and val_loss, its training rows (twice, as Keras prints `600/600`), the
    /// learner's loss and val_loss, the two relative differences.
    LEARNERS_LOG_COMPARED = "This run: loss {} and val_loss {}, {}/{} training rows. The learner's line: loss {} and val_loss {}, relative differences {} and {}: the same numbers up to Keras' float32 running means.",
        "本次运行：loss {}，val_loss {}，训练行数 {}/{}。提问者的日志：loss {}，val_loss {}，相对差异分别为 {} 和 {}：除了 Keras 用 float32 累计平均带来的误差，数字完全相同。";

    // ── The lesson's steps (core/src/lesson.rs): a title and a text each ───────────────────────
    // Controls are named as the page labels them (`LABEL_*`); each "try" is checked by a test.
    LESSON_1_TITLE = "1. The learner's program", "1. 提问者的程序";
    LESSON_1_TEXT = "x = 1…999, y = 2x. Dense(128, relu) then Dense(1, relu), SGD, batch 100, validation_split 0.2. \
                  Whatever they changed, Keras printed a huge loss and acc: 0.0000e+00. This is that program; \
                  \"Show Keras code\" below prints it. Press play.",
        "x = 1…999，y = 2x。Dense(128, relu) 接 Dense(1, relu)，SGD，batch 100，validation_split 0.2。\
                  无论怎么改，Keras 都输出巨大的 loss 和 acc: 0.0000e+00。这里就是那个程序；下方“显示 Keras 代码”可以看到它。请按播放。";
    LESSON_2_TITLE = "2. Huge loss, accuracy 0", "2. 巨大的 loss，准确率为 0";
    LESSON_2_TEXT = "After 20 epochs the loss sits at exactly mean(y²) = 481,200.67: the network outputs 0 for every x. \
                  Accuracy is 0 for another reason: for one output Keras counts y == (ŷ > 0.5), and targets \
                  2, 4, …, 1998 are never 0 or 1. Accuracy is the wrong metric for regression; watch the loss.",
        "20 个 epoch 后 loss 恰好停在 mean(y²) = 481,200.67：网络对每个 x 都输出 0。准确率为 0 另有原因：\
                  单输出时 Keras 判断 y == (ŷ > 0.5)，而目标值 2, 4, …, 1998 从来不是 0 或 1。回归问题不该用准确率，请看 loss。";
    LESSON_3_TITLE = "3. The first updates kill the units", "3. 最初的几次更新杀死了神经元";
    LESSON_3_TEXT = "The gradient of w is f'(wx+b)·x, and x reaches 600 in the training part: one SGD step moves the \
                  weights by thousands. This step trains until an update kills the output, then rewinds to just \
                  before it: the box under the banner says what that update will do. Press \"Step batch\" and \
                  watch the hidden-units chart: the weights are thrown negative, every ReLU outputs 0 (grey) and \
                  passes no gradient back. Try the same update with the learning rate ÷ 10: it still kills, \
                  because the earlier update already made the output's input millions to billions: a step ten times smaller \
                  is still far too big.",
        "w 的梯度是 f'(wx+b)·x，而训练数据中 x 最大到 600：一次 SGD 更新就让权重变化成千上万。\
                  这一步会一直训练到某次更新杀死输出，然后倒回到那次更新之前：横幅下方的方框说明那次更新会做什么。\
                  按“单步 batch”，看隐藏单元图：权重被推成负数，每个 ReLU 都输出 0（灰色），不再回传梯度。\
                  再试试把学习率除以 10 做同一次更新：它照样杀死网络，因为之前那次更新已经让输出单元的输入达到数百万到数十亿，\
                  步长小 10 倍仍然大得多。";
    LESSON_4_TITLE = "4. Born dead: dead before any update", "4. 生来即死：还没更新就已经死了";
    LESSON_4_TEXT = "With zero biases and x > 0, the output unit's input is x·Σ v·relu(w): one sign for every x. \
                  For about half of all seeds it is negative from the start, so the relu output is 0 before any \
                  update, whatever the learning rate. This seed is one of them: set the learning rate to 0.000001, it \
                  stays dead.",
        "偏置为 0 且 x > 0 时，输出单元的输入是 x·Σ v·relu(w)：对所有 x 符号相同。\
                  大约一半的随机种子一开始就是负的，所以输出 ReLU 在任何更新之前就输出 0，与学习率无关。\
                  这个种子就是如此：把学习率改成 0.000001 试试，它依然是死的。";
    LESSON_5_TITLE = "5. Fix 1: fewer points, fewer units", "5. 修正 1：更少的数据点和神经元";
    LESSON_5_TEXT = "Answer 0: use x = 1…9 and 12 units. The gradient stays small and this seed trains. But the relu \
                  output can still be born dead: press \"new seed\" a few times and some runs never move.",
        "回答 0：用 x = 1…9 和 12 个神经元。梯度变小，这个种子可以训练。但输出 ReLU 仍可能生来即死：\
                  多按几次“新种子”，有些运行完全不动。";
    LESSON_6_TITLE = "6. Fix 2: standardised inputs, linear output", "6. 修正 2：标准化输入，线性输出";
    LESSON_6_TEXT = "Answer 1: x drawn near 0 with unit scale (randn) and a linear output layer. The gradient has a sane \
                  size and the output cannot die: the loss falls and the line lies on y = 2x.",
        "回答 1：x 取自均值 0、尺度为 1 的分布（randn），输出层用线性激活。梯度大小合理，输出也不会死：\
                  loss 下降，拟合直线落在 y = 2x 上。";
    LESSON_7_TITLE = "7. Fix 3: Adam, a small step, linear output", "7. 修正 3：Adam、小学习率、线性输出";
    LESSON_7_TEXT = "Answer 1's second program keeps the raw x but uses Adam with lr = 1e-4: each Adam step has about \
                  the size of the learning rate, however large the gradient. It learns, slowly: after 200 epochs \
                  the loss is still 17,463, about 15% of var(y). Scaling x alone makes it worse (476,095): the \
                  targets still reach 1,200. Set both scale x and scale y to standard: the loss falls to about \
                  1% of var(y).",
        "回答 1 的第二个程序保留原始 x，但用学习率 1e-4 的 Adam：无论梯度多大，Adam 每一步的大小都约等于学习率。\
                  它能学，但很慢：200 个 epoch 后 loss 仍是 17,463，约为 var(y) 的 15%。只缩放 x 反而更糟（476,095）：\
                  目标值仍然大到 1,200。把“缩放 x”和“缩放 y”都设为 standard：loss 降到 var(y) 的 1% 左右。";
    LESSON_8_TITLE = "8. Deeper is deader", "8. 越深越容易死";
    LESSON_8_TEXT = "Eight hidden layers of three ReLUs each, standardised inputs, linear output: nothing like the \
                  question's huge x. Yet this network is born dead: one whole layer outputs 0 for every input \
                  before any update, so everything after it sees a constant. Lu, Shin, Su and Karniadakis (2019) \
                  proved that with weights and biases drawn symmetrically this becomes certain as depth grows at \
                  a fixed width. Try the fixes: wider layers (hidden units = 32,32,32,32,32,32,32,32), their \
                  randomized asymmetric initialisation (initial weights = rai), or hidden activation = \
                  leaky_relu, whose units cannot die: each one learns within the step's 200 epochs. \"new seed\" \
                  shows how often it happens.",
        "八个隐藏层，每层三个 ReLU，输入已标准化，输出是线性的：和提问里巨大的 x 完全不同。可这个网络生来即死：\
                  在任何更新之前，整整一层对每个输入都输出 0，于是它后面的一切只看到一个常数。Lu、Shin、Su 和 Karniadakis\
                  （2019）证明，权重和偏置对称地随机初始化时，宽度固定而层数越多，这就越必然发生。试试这些修正：更宽的层\
                  （隐藏单元 = 32,32,32,32,32,32,32,32）、他们提出的随机非对称初始化（初始权重 = rai），\
                  或者隐藏层激活函数 = leaky_relu（它的单元不会死）：每一种都能在这一步的 200 个 epoch 内学会。\
                  多按几次“新种子”，看看这有多常见。";
    LESSON_9_TITLE = "9. How often? Half of all runs are born dead", "9. 有多常见？一半的运行生来即死";
    LESSON_9_TEXT = "One run is one throw of the dice. This sweep runs the question's program with 200 seeds in the \
                  background and counts how each run ends. About half are born dead, as the formula says: with \
                  zero biases and x > 0 the output's input is x times the sum of v·w over the units with w > 0, dead when that sum is ≤ 0, so \
                  P(born dead) = (1 + 2^−H)/2, 1/2 for H = 128 (the dashed line). The other half are killed by the \
                  first updates. Click a row, then a seed, to open that run.",
        "一次运行就像掷一次骰子。这个扫描在后台用 200 个随机种子运行提问者的程序，并统计每次运行的结局。\
                  大约一半生来即死，正如公式所说：偏置为 0 且 x > 0 时，输出单元的输入是 x 乘以所有 w > 0 的单元的 v·w 之和，这个和 ≤ 0 时\
                  输出就死了，所以 P(生来即死) = (1 + 2^−H)/2，H = 128 时就是 1/2（虚线）。另一半被最初的几次更新杀死。\
                  点击一行，再点击一个种子，就能打开那次运行。";
    LESSON_10_TITLE = "10. Where updates start to kill", "10. 更新从哪里开始杀死网络";
    LESSON_10_TEXT = "Answer 0's fix (x = 1…9, 12 units) over four learning rates, 200 seeds each. Born dead stays \
                  near one half at every rate: no learning rate helps a dead start. What changes is the rest: at \
                  0.001 and 0.01 the live runs learn; from 0.1 on the first updates kill them too.",
        "回答 0 的修正（x = 1…9，12 个神经元）在四个学习率下各用 200 个种子运行。每个学习率下生来即死的比例都接近一半：\
                  任何学习率都救不了一个死掉的开局。变化的是其余的运行：学习率为 0.001 和 0.01 时，活着的运行能学习；\
                  从 0.1 起，最初的几次更新也会杀死它们。";
    LESSON_11_TITLE = "11. The log is from another program", "11. 那行日志来自另一个程序";
    LESSON_11_TEXT = "Look again at the line the learner posted: 79999/79999 … loss: 8533120007.8465 … val_loss: \
                  32532613324.8000. The posted code trains on 600 rows (x = 1…750, minus the last 20% for \
                  validation). 79,999 = floor(0.8 × 99,999): they fit on x = 1…99,999, all of it. A dead relu \
                  output (ŷ = 0) would print mean(y²) = 8,533,280,000; the printed loss is mean((y − 1)²) = \
                  8,533,120,001 instead: the network output exactly 1 for every x. That is a one-unit softmax, \
                  Dense(1, activation='softmax'), which is 1 whatever the weights, so \"whatever I change, I get this \
                  output\". This step replays that program; the posted program (step 1) prints 600/600 … loss: \
                  481200.6667 instead.",
        "再看一眼提问者贴出的那行：79999/79999 … loss: 8533120007.8465 … val_loss: 32532613324.8000。\
                  贴出的代码只在 600 行上训练（x = 1…750，再去掉最后 20% 作验证）。79,999 = floor(0.8 × 99,999)：\
                  他们用 x = 1…99,999 的全部数据训练。死掉的 relu 输出（ŷ = 0）会打印 mean(y²) = 8,533,280,000；\
                  而打印出的 loss 是 mean((y − 1)²) = 8,533,120,001：网络对每个 x 都恰好输出 1。这就是单单元 softmax，\
                  Dense(1, activation='softmax')，无论权重如何它都等于 1，所以“不管我改什么，输出都一样”。\
                  这一步重现那个程序；而贴出的程序（第 1 步）打印的是 600/600 … loss: 481200.6667。";
    LESSON_12_TITLE = "12. Clip the gradient: it stops the killing update", "12. 裁剪梯度：挡住致命的那次更新";
    LESSON_12_TEXT = "The learner's program again (dashed), now with clip each gradient's norm = 1 (Keras' clipnorm=1): \
                  every kernel's and bias' gradient is scaled down to length 1 before the update, so the update that \
                  threw the weights negative cannot be huge any more. This seed was killed by update 2; clipped, it \
                  learns. Clipping prevents death by an update; it cannot help a network born dead, because no \
                  update has happened yet: the next step counts both over 200 seeds.",
        "再看提问者的程序（虚线），这次设置“逐变量裁剪梯度范数” = 1（Keras 的 clipnorm=1）：每次更新之前，每个权重矩阵和\
                  每个偏置的梯度都被缩小到长度 1，于是那次把权重甩成负数的更新再也不可能巨大。这个种子原本在第 2 次更新时\
                  被杀死；裁剪之后，它学会了。裁剪能防止被一次更新杀死；但它救不了生来即死的网络，因为那时还没有发生任何\
                  更新：下一步在 200 个种子上统计这两种死法。";
    LESSON_13_TITLE = "13. What clipping saves, over 200 seeds", "13. 裁剪能救下多少：200 个种子";
    LESSON_13_TEXT = "The learner's program over 200 seeds, without and with clipnorm = 1. Without it, about half are \
                  born dead and the rest are killed by an update. With it, none is killed: those runs learn. The born \
                  dead stay exactly as many, the same seeds: before the first update there is nothing to clip. A \
                  warm-up (the learning-rate schedule cosine with a warm-up target) does not save this program: \
                  even a learning rate of 0.000005 kills it, and the warm-up passes that within its first updates.",
        "提问者的程序在 200 个种子上运行，分别在不裁剪和 clipnorm = 1 的情况下运行。不裁剪时，大约一半生来即死，其余的被某次更新杀死。\
                  裁剪之后，没有一个被杀死：这些运行都学会了。生来即死的数量完全不变，而且是同样的种子：在第一次更新之前，\
                  没有什么可以裁剪。预热（学习率调度 cosine 加预热目标）救不了这个程序：即使学习率只有 0.000005 也会杀死它，\
                  而预热在最初几次更新内就超过了这个值。";
    LESSON_14_TITLE = "15. Your turn: |x| is two kinks", "15. 轮到你了：|x| 由两个折点组成";
    LESSON_14_TEXT = "A ReLU network's output is a sum of kinks: each hidden unit adds one. |x| on −1…1 needs two, one \
                  for each side. One unit (dashed) can only bend one side; two units fit it; 128 units (dashed) fit \
                  it too, with many kinks stacked. Type your own target in the formula box (x^2, step(x), \
                  sin(2*pi*x)), or paste your own points.",
        "ReLU 网络的输出是许多折线之和：每个隐藏单元贡献一个折点。−1…1 上的 |x| 需要两个，每边一个。一个单元（虚线）\
                  只能弯折一边；两个单元能拟合它；128 个单元（虚线）也能，只是叠了很多折点。在公式框里输入你自己的目标\
                  （x^2、step(x)、sin(2*pi*x)），或者粘贴你自己的数据点。";
    LESSON_15_TITLE = "16. Ten noisy points: where over-fitting starts", "16. 十个带噪声的点：过拟合从这里开始";
    LESSON_15_TEXT = "The textbook example: 10 points of sin(2πx) with noise σ = 0.3, and 128 units. The training loss \
                  falls below σ² = 0.09, the noise itself: the network is fitting the noise. On the 100 validation \
                  points it never trained on (the loss chart's validation line), the loss rises as it does. More \
                  points, fewer units or fewer epochs keep the curve close to the sine.",
        "教科书上的例子：10 个 sin(2πx) 的点，加上 σ = 0.3 的噪声，128 个单元。训练 loss 降到 σ² = 0.09 以下，也就是噪声\
                  本身以下：网络在拟合噪声。在它从没用来训练的 100 个验证点上（loss 图中的验证曲线），loss 随之上升。\
                  更多的点、更少的单元或更少的 epoch 能让曲线保持贴近正弦。";

    // ── Pinned runs, `vs` (core/src/engine/config/pins.rs, link.rs) ─────────────────────────
    /// `Config::difference_label` when a pinned run differs in nothing.
    PIN_SAME_SETTINGS = "the same settings", "相同的设置";
    /// What a refused pin keeps. `{}`: how many runs are pinned.
    PINNED_RUNS = "{} pinned run{s}", "{} 个固定的对比运行";
    /// What a pin must be. `{}`: why this one is not (one of the `PIN_*` messages below).
    EXPECTED_PIN = "a query of run settings ({})", "由运行设置组成的查询串（{}）";
    /// `{}`: the most pinned runs.
    PIN_TOO_MANY = "at most {} pinned runs", "最多 {} 个固定的对比运行";
    /// `{}`: a key that is not a run setting.
    PIN_NOT_A_RUN_KEY = "“{}” is not one", "“{}” 不是运行设置";
    /// `{}`: the key, then the value.
    PIN_BAD_VALUE = "“{}={}” is not a value it takes", "“{}={}” 不是这个键能取的值";
    /// `Domain::describe` of `vs`. `{}`: the most pinned runs.
    DOMAIN_COMPARE = "a query of run settings, up to {} times", "由运行设置组成的查询串，最多 {} 次";
    /// `{}`: the most characters of a formula.
    DOMAIN_FORMULA = "a formula in “x” of up to {} characters: numbers, “+ - * / ^”, “( )”, “abs sqrt exp log sin cos tan tanh step min max”, “pi”, “e”", "关于 “x” 的公式，最多 {} 个字符：数字、“+ - * / ^”、“( )”、“abs sqrt exp log sin cos tan tanh step min max”、“pi”、“e”";
    DOMAIN_POINTS = "points in base64url, as the page writes them", "base64url 编码的数据点（由页面写出）";

    // ── Settings: the values a key takes, in words (`Domain::describe`, settings.rs) ─────────────
    /// `{}`: the low end, then the high end.
    DOMAIN_RANGE = "{} to {}", "{} 到 {}";
    /// `{}`: the names, comma-separated.
    DOMAIN_SUBSET = "any of {}", "{} 中的任意几个";
    /// `{}`: the most layers, the most units, the most weights.
    DOMAIN_WIDTHS = "1 to {} widths of 1 to {}, at most {} weights", "1 到 {} 个宽度（每个 1 到 {}），最多 {} 个权重";
    /// `{}`: the most keys, then the most values.
    DOMAIN_SWEEP = "up to {} run keys with up to {} values each", "最多 {} 个运行设置键，每个最多 {} 个值";
    // ── Advice: computed, not canned (src/engine/advice.rs; the advice list on the page) ────────
    /// The advice list's heading.
    ADVICE_TITLE = "What works here (measured)", "在这里有效的修改（实测）";
    /// One advised change. `{}`: seeds on which it works, then seeds tried.
    ADVICE_MEASURED = "learns with this seed; {} of {} seed{s}", "用这个种子能学会；{1} 个种子中有 {0} 个能学会";
    /// While the trials run. `{}`: runs done, then runs planned.
    ADVICE_MEASURING = "trying the fixes: {} of {} run{s}", "正在试验各种修正：已完成 {} 次运行，共 {} 次";
    /// When no change or pair of changes learns with this seed.
    ADVICE_NONE = "No single change, nor any pair of them, learns with this seed.", "没有任何单个修改（或两个修改的组合）能让这个种子学会。";
    /// When the run works and no change works on more seeds.
    ADVICE_NOTHING_BETTER = "No single change learns on more seeds.", "没有哪个单个修改能在更多种子上学会。";
    /// The run on screen works. `{}`: the seeds it works on, the seeds measured.
    ADVICE_THIS_RUN_LEARNS = "This run learns: {} of {} seed{s}.", "这次运行能学会：{1} 个种子中有 {0} 个能学会。";
    /// Heads the list when the run on screen learns already.
    ADVICE_MORE_SEEDS = "These learn on more seeds:", "下面这些修改能在更多种子上学会：";
    ADVICE_APPLY = "Apply", "应用";
    /// The button that tries the fixes before the run has ended.
    ADVICE_START = "Try the fixes on this run", "在这次运行上试验各种修正";
    /// When the run is too big to try the fixes on unasked (they take the workers a while).
    ADVICE_TOO_BIG = "This run is big: trying the fixes takes a while (in the background; the page stays live), so they start only when asked. The headless runner measures them too, when asked.",
        "这次运行较大：试验各种修正需要一段时间（在后台进行，页面不会卡住），所以只在你要求时才开始。无界面运行器在要求时也能测量。";
    ADVICE_PIN = "Pin beside", "固定在旁边对比";
    /// `Cause::OutputBornDead`.
    WHY_OUTPUT_BORN_DEAD = "The relu output was 0 for every training x before the first update: its gradient is 0 from the start, and no learning rate can move it.",
        "输出 ReLU 在第一次更新之前就对每个训练 x 都输出 0：它的梯度从一开始就是 0，任何学习率都无法让它动起来。";
    /// `Cause::LayerBornDead`. `{}`: the layer, from 1.
    WHY_LAYER_BORN_DEAD = "Hidden layer {} was dead on every training x before the first update: no gradient reaches below it, whatever the learning rate.",
        "第 {} 个隐藏层在第一次更新之前就对每个训练 x 都是死的：梯度传不到它下面，与学习率无关。";
    /// `Cause::SoftmaxOutput`.
    WHY_SOFTMAX_OUTPUT = "A one-unit softmax outputs 1 for every x whatever the weights: its gradient is exactly 0.",
        "单单元 softmax 对每个 x 都输出 1，与权重无关：它的梯度恰好为 0。";
    /// `Cause::SigmoidOutput`. `{}`: the largest target.
    WHY_SIGMOID_OUTPUT = "y reaches {} but a sigmoid output stays between 0 and 1.", "y 最大到 {}，而 sigmoid 输出只能在 0 和 1 之间。";
    /// The start of `Cause::OversizedUpdate` when x is not scaled. `{}`: the largest training x.
    WHY_X_UNSCALED = "x reaches {} unscaled in the training part. ", "训练数据中未缩放的 x 最大到 {}。";
    /// … when y is not scaled (relu output). `{}`: the largest training y.
    WHY_Y_UNSCALED = "y reaches {} unscaled. ", "未缩放的 y 最大到 {}。";
    /// … when y is not scaled and the output is linear. `{}`: the largest training y.
    WHY_Y_UNSCALED_LINEAR = "y reaches {} unscaled and the output is linear. ", "未缩放的 y 最大到 {}，输出又是线性的。";
    /// `Cause::OversizedUpdate`. `{}`: the update (from 1), which weight, its change, how many times the largest starting weight that is, the largest starting weight.
    WHY_OVERSIZED_UPDATE = "Update {} moved {} by {}: {} times the largest starting weight ({}).",
        "第 {} 次更新让{}变化了 {}：是最大初始权重的 {} 倍（最大初始权重为 {}）。";
    /// `Cause::Collapsed`. `{}`: the update, from 1.
    WHY_COLLAPSED = "Update {} collapsed the network to a constant output.", "第 {} 次更新让网络塌缩成常数输出。";
    /// `Cause::Diverged`. `{}`: the update, from 1.
    WHY_DIVERGED = "Update {} made a loss or a weight infinite.", "第 {} 次更新让 loss 或某个权重变成了无穷大。";
    /// `Cause::Slow`. `{}`: the first epoch's loss, the last, the epochs.
    /// `{}`: the epochs run (the banner above gives the losses and the fit's limit).
    WHY_SLOW = "It learns, but too slowly: after {} epoch{s} it has not reached a fit.", "它在学习，但太慢了：{} 个 epoch 还不足以达到拟合。";

    // ── The fixes: gradient clipping, schedules, weight decay (optim.rs, settings.rs, config/mod.rs) ──
    /// Why a second clip was switched off. `{}`: the clip key that was kept.
    WHY_ONE_CLIP = "Keras allows only one of “clipnorm”, “clipvalue” and “global_clipnorm”; “{}” is kept",
        "Keras 只允许设置 “clipnorm”、“clipvalue” 和 “global_clipnorm” 中的一个；保留 “{}”";
    LABEL_CLIPNORM = "clip each gradient's norm", "逐变量裁剪梯度范数";
    TIP_CLIPNORM = "Keras' clipnorm: each kernel's and each bias' gradient is scaled down to at most this length, so one huge batch cannot throw the weights far. 0 = off.",
        "Keras 的 “clipnorm”：每个权重矩阵和每个偏置的梯度都被缩小到长度不超过这个值，这样一个巨大的 batch 就不能把权重甩得很远。0 表示关闭。";
    LABEL_CLIPVALUE = "clip each gradient element", "逐元素裁剪梯度";
    TIP_CLIPVALUE = "Keras' clipvalue: every gradient element is cut to between −value and +value. 0 = off.",
        "Keras 的 “clipvalue”：梯度的每个元素都被截断到正负这个值之间。0 表示关闭。";
    LABEL_GLOBAL_CLIPNORM = "clip the whole gradient's norm", "裁剪整个梯度的范数";
    TIP_GLOBAL_CLIPNORM = "Keras' global_clipnorm: all gradients together are scaled down to at most this length, keeping their direction. 0 = off.",
        "Keras 的 “global_clipnorm”：所有梯度合在一起被缩小到长度不超过这个值，方向不变。0 表示关闭。";
    LABEL_WEIGHT_DECAY = "weight decay", "权重衰减";
    TIP_WEIGHT_DECAY = "Keras' decoupled weight decay: before each update every weight shrinks by weight_decay × learning rate. Empty: the optimizer's default (adamw 0.004).",
        "Keras 的解耦权重衰减：每次更新之前，每个权重都缩小 “weight_decay” × 学习率 倍。留空：使用优化器的默认值（“adamw” 为 0.004）。";
    LABEL_SCHEDULE = "learning-rate schedule", "学习率调度";
    TIP_SCHEDULE = "constant: the same learning rate throughout. exponential: multiplied by decay_rate every decay_steps updates. cosine: an optional warm-up, then half a cosine down.",
        "“constant”：学习率始终不变。“exponential”：每 “decay_steps” 次更新乘以 “decay_rate”。“cosine”：可选的预热，然后按半个余弦曲线下降。";
    LABEL_DECAY_STEPS = "decay steps", "衰减步数";
    TIP_DECAY_STEPS = "Updates over which the schedule decays.", "调度完成衰减所用的更新次数。";
    LABEL_DECAY_RATE = "decay rate", "衰减率";
    TIP_DECAY_RATE = "exponential: the factor applied every decay_steps updates.", "exponential：每 decay_steps 次更新乘上的因子。";
    LABEL_STAIRCASE = "staircase", "阶梯式";
    TIP_STAIRCASE = "exponential: change the learning rate in steps rather than smoothly.", "exponential：学习率分阶梯变化，而不是平滑变化。";
    LABEL_COSINE_ALPHA = "final fraction", "最终比例";
    TIP_COSINE_ALPHA = "cosine: the fraction of the learning rate left at the end (Keras' alpha).", "cosine：结束时剩下的学习率比例（Keras 的 alpha）。";
    LABEL_WARMUP_TARGET = "warm-up target", "预热目标";
    TIP_WARMUP_TARGET = "cosine: the learning rate reached after the warm-up, climbing linearly from the learning rate. Empty: no warm-up.",
        "cosine：预热结束时达到的学习率，从学习率线性上升。留空：不预热。";
    LABEL_WARMUP_STEPS = "warm-up steps", "预热步数";
    TIP_WARMUP_STEPS = "cosine: updates of the warm-up. Small first steps cannot kill the network with one huge update.",
        "cosine：预热所用的更新次数。开头的小步不会用一次巨大的更新杀死网络。";

    // ── Your own problem: a formula for y, your own data (engine/formula.rs, table.rs; issue 22) ──
    /// What `f` must be. `{}`: where and why it is not (`FORMULA_AT`).
    EXPECTED_FORMULA = "a formula in x ({})", "关于 x 的公式（{}）";
    /// `{}`: the character's position (from 1), then what is wrong there (one of the `FORMULA_*` below).
    FORMULA_AT = "at character {}: {}", "第 {} 个字符处：{}";
    FORMULA_EMPTY = "the formula is empty", "公式是空的";
    /// `{}`: the most characters.
    FORMULA_TOO_LONG = "longer than {} characters", "超过 {} 个字符";
    /// `{}`: the deepest nesting.
    FORMULA_TOO_DEEP = "nested deeper than {} levels", "嵌套超过 {} 层";
    /// `{}`: the character.
    FORMULA_UNEXPECTED = "“{}” cannot be part of a formula here", "“{}” 不能出现在公式的这个位置";
    /// `{}`: the name.
    FORMULA_UNKNOWN_NAME = "“{}” is not x, pi, e or a function (abs sqrt exp log sin cos tan tanh step min max)",
        "“{}” 不是 x、pi、e，也不是函数（abs sqrt exp log sin cos tan tanh step min max）";
    FORMULA_EXPECTED_VALUE = "a number, x, a function or ( is missing", "这里缺少数字、x、函数或 (";
    FORMULA_EXPECTED_OPERATOR = "an operator (+ - * / ^) is missing", "这里缺少运算符（+ - * / ^）";
    FORMULA_MISSING_CLOSE = "a ) is missing", "缺少 )";
    FORMULA_UNMATCHED_CLOSE = "this ) has no (", "这个 ) 没有对应的 (";
    /// `{}`: the text that does not read as a number.
    FORMULA_BAD_NUMBER = "“{}” is not a number", "“{}” 不是数字";
    /// `{}`: the function, then how many values it takes.
    FORMULA_WRONG_ARGUMENTS = "“{}” takes {} values, separated by commas", "“{}” 需要 {} 个用逗号分隔的值";
    /// `{}`: the function.
    FORMULA_NEEDS_PARENTHESES = "“{}” needs its value in parentheses", "“{}” 的参数需要放在括号里";
    /// Why a formula is refused on the data's range. `{}`: the x.
    FORMULA_NAN_AT = "is not a number (NaN) at x = {}", "在 x = {} 处不是数（NaN）";
    /// `{}`: the x.
    FORMULA_INFINITE_AT = "is infinite at x = {}", "在 x = {} 处为无穷大";
    /// `{}`: the x.
    FORMULA_BEYOND_FLOAT32_AT = "is beyond float32 at x = {}", "在 x = {} 处超出 float32 的范围";
    /// Why `data=own` was adjusted.
    WHY_NO_OWN_DATA = "has no points yet (paste or open a file first)", "还没有数据点（请先粘贴数据或打开文件）";
    /// What `pts` must be. `{}`: why it is not (one of the `DATA_*` messages).
    EXPECTED_POINTS = "points as the page's link writes them ({})", "按页面链接写法编码的数据点（{}）";
    /// The value used when `pts` is refused. `{}`: how many points.
    POINTS_COUNT = "{} point{s}", "{} 个数据点";
    /// `{}`: the file's size in bytes, then the most bytes.
    DATA_TOO_LARGE = "The file has {} bytes; files of {} bytes (10 MB) and more are not read.", "文件有 {} 字节；{} 字节（10 MB）及以上的文件不会被读取。";
    // ── Page: the formula box and own data (src/ui/controls.rs) ────────────────────────────────
    /// Over the QR code when the page was opened by this computer's own address. `{}`: the link's host as it is (127.0.0.1, localhost).
    QR_LOCAL_ONLY = "This link points at {}, which is this computer's own address: a phone cannot open it. Open the page by this computer's address on the network, or publish it on a web host; the README says how.",
        "这个链接指向 {}，也就是这台电脑自己的地址：手机无法打开。请用这台电脑在局域网上的地址打开页面，或者把它发布到网站托管服务上；项目的说明文档里写了怎么做。";
    LABEL_FORMULA = "target y = f(x)", "目标 y = f(x)";
    TIP_FORMULA = "A formula in x: numbers, + - * / ^, ( ), “abs sqrt exp log sin cos tan tanh step min max”, “pi”, “e”. While it is 2*x, slope and intercept make the target.",
        "关于 x 的公式：数字、+ - * / ^、( )、“abs sqrt exp log sin cos tan tanh step min max”、“pi”、“e”。当它是 2*x 时，目标由 slope 和 intercept 决定。";
    LABEL_EXAMPLES = "examples", "示例";
    OWN_DATA = "Your own data", "你自己的数据";
    OWN_DATA_HINT = "Paste a table (CSV or TSV, a header is fine) and press Apply, or open a file or drop one on the page, then choose its x and y columns. Nothing changes until every line is good, or you choose to skip the lines that are not.",
        "粘贴一个表格（CSV 或 TSV，可以有表头）并按“应用”，或者打开文件、把文件拖放到页面上，然后选择 x 列和 y 列。只有每一行都正确，或者你选择跳过不正确的行时，才会生效。";
    OWN_DATA_APPLY = "Apply data", "应用数据";
    OWN_DATA_FILE = "Open a file", "打开文件";
    /// `{}`: the number of points.
    OWN_DATA_APPLIED = "Using your {} point{s}.", "正在使用你的 {} 个数据点。";
    OWN_DATA_NOT_IN_LINK = "This link holds the settings only (your points would make it too long): download the data next to it.",
        "这个链接只包含设置（加上你的数据点会太长）：请另外下载数据文件。";
    OWN_DATA_DOWNLOAD = "Download the data (CSV)", "下载数据（CSV）";
    OWN_DATA_PREVIEW = "Showing the first {} of {} line{s} ({} bytes): Apply data reads them all. The box is locked until you clear it.",
        "只显示 {1} 行中的前 {0} 行（{2} 字节）：“应用数据”会读取全部行。清空之前不能编辑。";
    OWN_DATA_CLEAR = "Clear", "清空";
    DATA_EMPTY = "There is no line of data.", "没有任何数据行。";
    DATA_ONE_ROW = "There is only one line of data; a network needs at least 2 points.", "只有一行数据；网络至少需要 2 个数据点。";
    /// `{}`: the most points.
    DATA_TOO_MANY_ROWS = "There are more than {} lines of data.", "数据行超过 {} 行。";
    /// `{}`: the one x.
    DATA_SAME_X = "Every x is {}: there is no function of x to learn.", "所有 x 都是 {}：没有关于 x 的函数可学。";
    /// `{}`: how many lines.
    DATA_BAD_LINES = "Lines that are not data: {}; nothing was applied, the current data stays:", "不是数据的行数：{}；没有应用任何数据，当前数据保持不变：";
    /// `{}`: the character's position, from 1.
    DATA_NOT_LINK_TEXT = "The link's points are not base64url (character {}).", "链接中的数据点不是 base64url 编码（第 {} 个字符）。";
    DATA_BAD_LINK_CONTENT = "The link's points are not pairs of numbers.", "链接中的数据点不是成对的数。";
    /// `{}`: the value's position from 1 (x values first, then y), then why (`DATA_VALUE_*`).
    DATA_NOT_FINITE = "Value {} {}.", "第 {} 个值{}。";
    DATA_VALUE_NAN = "is not a number (NaN)", "不是数（NaN）";
    DATA_VALUE_INFINITE = "is infinite", "为无穷大";
    DATA_VALUE_BEYOND_FLOAT32 = "is beyond float32", "超出 float32 的范围";
    /// One bad line (the page's `li`). `{}`: the line's number, why (`LINE_*`), its content.
    LINE_PROBLEM = "line {}: {} (“{}”)", "第 {} 行：{}（“{}”）";
    /// `{}`: the column (`COLUMN_NAMED` or `COLUMN_NUMBERED`), then its text.
    LINE_NOT_A_NUMBER = "{}, “{}”, is not a number", "{}的 “{}” 不是数字";
    /// A line's column that holds nothing (`1,,3`). `{}`: the column.
    LINE_EMPTY_CELL = "{} is empty", "{}是空的";
    /// A line's column that holds a missing value's mark (`NA`, `null`, `?`). `{}`: the column, the mark.
    LINE_MISSING = "{} is missing (“{}”)", "{}缺失（“{}”）";
    /// `{}`: the column, its text, then why (`DATA_VALUE_*`).
    LINE_NOT_FINITE = "{}, “{}”, {}", "{}的 “{}” {}";
    /// `{}`: how many values the line has, then the column asked for.
    LINE_TOO_FEW_COLUMNS = "has {} values, {} is needed", "只有 {} 个值，需要{}";
    /// `{}`: the delimiter found, then the file's (`DELIMITER_*`).
    LINE_MIXED_DELIMITERS = "is separated by {} where the first line uses {}", "用 {} 分隔，而第一行用的是 {}";
    DELIMITER_TAB = "tabs", "制表符";
    DELIMITER_SEMICOLON = "“;”", "“;”";
    DELIMITER_COMMA = "“,”", "“,”";
    DELIMITER_SPACE = "spaces", "空格";
    // ── Feedback only while true, pinned runs you can read (issue 20: forensics, compare, charts) ──
    /// `UPDATE_EFFECT`'s verdict when the network was a constant before the update and still is.
    UPDATE_STAYS_DEAD = "The network stays dead: after it, the output is still the same for every x.",
        "网络仍然是死的：在它之后，对每个 x 的输出仍然都一样。";
    // ── Own data kept outside the link: browser storage, drag and drop (issue 22, branch own) ──
    /// `{}`: how many points, then the first digits of their hash.
    DATA_NOT_HELD = "The link names {} points (hash {}) without carrying them, and they are not kept here: open the data file that came with the link.",
        "链接只写明了 {} 个数据点（哈希 {}），没有附带数据本身，这里也没有保存它们：请打开随链接一起分享的数据文件。";

    // ── Real data as people bring it: columns by name, bad lines skipped by choice (issue 32, branch real-data) ──
    DATA_NOT_TEXT = "This is not a text file (an image, a spreadsheet or another binary file), so it was not read. Save the table as CSV or TSV.",
        "这不是文本文件（图片、电子表格或其他二进制文件），所以没有读取。请把表格另存为 CSV 或 TSV。";
    DATA_UTF16 = "This text is in UTF-16, so it was not read. Save it as UTF-8 (in a spreadsheet: CSV UTF-8).",
        "这段文本是 UTF-16 编码，所以没有读取。请另存为 UTF-8（在电子表格中选择 CSV UTF-8）。";
    /// `{}`: the columns found, then the most read.
    DATA_TOO_MANY_COLUMNS = "The table has {} columns; at most {} are read.", "表格有 {} 列；最多读取 {} 列。";
    /// `{}`: how many columns hold numbers (0 or 1).
    DATA_TOO_FEW_NUMERIC_COLUMNS = "Columns that hold numbers: {}. x and y need two.", "含有数字的列数：{}。x 和 y 需要两列。";
    /// `{}`: the column (`COLUMN_NAMED` or `COLUMN_NUMBERED`).
    DATA_TEXT_COLUMN = "The {} holds words, not numbers: it cannot be x or y.", "{}是文字而不是数字：不能作为 x 或 y。";
    /// `{}`: the column's name in the header.
    COLUMN_NAMED = "column “{}”", "列 “{}”";
    /// `{}`: the column's number, from 1.
    COLUMN_NUMBERED = "column {}", "第 {} 列";
    /// `{}`: the name asked for, then the file's names.
    DATA_NO_SUCH_COLUMN = "No column is named “{}”. The columns are: {}.", "没有名为 “{}” 的列。现有的列：{}。";
    /// `{}`: what was asked for.
    DATA_NO_SUCH_COLUMN_NUMBER = "There is no column “{}”. The file has no header: name a column by its number, from 1.",
        "没有 “{}” 这一列。文件没有表头：请用从 1 开始的列号指定列。";
    /// A list of line numbers cut short. `{}`: the first numbers, then how many more.
    LINE_LIST_AND_MORE = "{} … and {} more", "{} ……另有 {} 行";
    /// The button that leaves bad lines out. `{}`: how many, then their numbers.
    DATA_SKIP_OFFER = "Skip the {} line{s} whose x or y is not a number: {}", "跳过 x 或 y 不是数字的 {} 行：{}";
    /// `{}`: how many lines were left out, then their numbers.
    DATA_SKIPPED = "Skipped {} line{s} whose x or y is not a number: {}.", "已跳过 x 或 y 不是数字的 {} 行：{}。";
    /// The last item of a cut list of bad lines. `{}`: how many are not shown.
    DATA_MORE_LINES = "… and {} more line{s}", "……另有 {} 行";
    LABEL_X_COLUMN = "x column", "x 列";
    LABEL_Y_COLUMN = "y column", "y 列";
    /// A column a select offers but does not let you take. `{}`: its name.
    COLUMN_TEXT_OPTION = "{} (words)", "{}（文字）";
    /// `{}`: the x column, then the y column (`COLUMN_NAMED`/`COLUMN_NUMBERED`).
    COLUMNS_CHOSEN = "x is the {}, y the {}: the first two columns of numbers. Choose others above.",
        "x 是{}，y 是{}：前两列数字。可以在上面选择其他列。";
    /// `{}`: the x column, then the y column.
    COLUMNS_IN_USE = "x is the {}, y the {}.", "x 是{}，y 是{}。";
    /// Why the formula box is disabled with own data.
    FORMULA_OWN_DATA = "Your own points have their own y: a formula makes the target of arange, randn and uniform only.",
        "你自己的数据点有自己的 y：公式只为 arange、randn 和 uniform 生成目标。";
    /// Why `f` or `noise` was adjusted with own data.
    WHY_OWN_Y_AS_IS = "applies to arange, randn and uniform only: your own points' y is used as it is",
        "只用于 arange、randn 和 uniform：你自己的数据点的 y 按原样使用";
    PART_VALIDATION = "validation", "验证集";
    PART_TEST = "test", "测试集";
    /// A part of the rows far from the training part. `{}`: the part (`PART_*`), its y from, to, mean; the training y from, to, mean.
    DATA_SORTED = "The {} rows' y ({} to {}, mean {}) lies away from the training rows' ({} to {}, mean {}), more than one standard deviation: the rows look sorted, so the run learns on one part and is judged on another.",
        "{}行的 y（{} 到 {}，均值 {}）偏离训练行的 y（{} 到 {}，均值 {}）超过一个标准差：这些行看起来是排过序的，所以模型在一部分数据上学习，却在另一部分上评估。";
    /// The fit chart's caption with own points, which have no target function.
    FIT_CAPTION_OWN = "data and the network's prediction", "数据与网络的预测";
    SHUFFLE_ROWS = "Shuffle the rows once before the split", "在划分之前把行打乱一次";
    LABEL_SHUFFLE = "shuffle rows before the split", "划分前打乱行";
    TIP_SHUFFLE = "Shuffles the rows once, by the seed, before they are split into training, validation and test rows (Keras' “validation_split” takes the last rows as they are).",
        "在把行划分为训练、验证和测试行之前，按随机种子把行打乱一次（Keras 的 “validation_split” 按原顺序取最后几行）。";
    /// A column's or a file's name in the link. `{}`: the most characters.
    DOMAIN_NAME = "a name (up to {} characters)", "名称（最多 {} 个字符）";
    // The runner's own words (examples/headless.rs): it trains nothing when data is refused.
    /// `{}`: how many lines.
    RUNNER_BAD_LINES = "Nothing was trained: {} line{s} in the columns asked for hold something that is not a number (--skip-bad leaves them out):",
        "所选的列中有 {} 行不是数字，所以没有训练（--skip-bad 可以跳过这些行）：";
    /// `{}`: the x column, then the y column.
    RUNNER_DEFAULT_COLUMNS = "x is the {}, y the {}: the first two columns of numbers (--x and --y choose others).",
        "x 是{}，y 是{}：前两列数字（--x 和 --y 可以选择其他列）。";
    /// `{}`: the rows and hash the link names, then the file's.
    RUNNER_OTHER_POINTS = "the link names other points ({} rows, hash {}) than the file gives ({} rows, hash {}): the run would not be the link's.",
        "链接指明的数据点（{} 行，哈希 {}）与文件给出的（{} 行，哈希 {}）不同：这次运行不会是链接里的那一次。";
    /// `{}`: the sorted-rows sentence (`DATA_SORTED`).
    RUNNER_SORTED = "note: {} Add shuffle=1 to the link to shuffle the rows before the split.",
        "注意：{}在链接中加上 shuffle=1 可以在划分前打乱行。";

    // ── Batch normalization and the learning rate on the loss chart (net/batch_norm.rs, charts/loss.rs; issue 23) ──
    LABEL_BATCH_NORM = "batch normalization", "批归一化";
    TIP_BATCH_NORM = "Keras' BatchNormalization before each hidden activation: in training each batch's mean and variance normalise every unit's input; validation, test and the fit line use the moving averages.",
        "在每个隐藏层激活之前加入 Keras 的 “BatchNormalization”：训练时用每个 batch 的均值和方差归一化每个单元的输入；验证、测试和拟合曲线使用滑动平均。";
    /// The diagnosis' note when batch normalization makes training and validation loss differ. `{}`: the training loss, then the validation loss.
    BN_GAP = "With batch normalization, the training loss ({}) uses each batch's own mean and variance, the validation loss ({}) the moving averages: part of the gap is that difference, not overfitting.",
        "使用批归一化时，训练 loss（{}）用的是每个 batch 自己的均值和方差，验证 loss（{}）用的是滑动平均：两者的差距有一部分来自这里，而不是过拟合。";
    /// The lesson's step on batch normalization (after the two on clipping).
    LESSON_BN_TITLE = "14. Normalise: batch normalization before each ReLU, over 200 seeds", "14. 归一化：在每个 ReLU 之前加批归一化，200 个种子";
    LESSON_BN_TEXT = "The learner's program over 200 seeds, without and with batch normalization before the hidden ReLUs \
                  (Keras' BatchNormalization). The born dead stay exactly the same seeds: before any update the \
                  moving statistics are 0 and 1, so normalisation only divides each unit's input by √1.001, and a dead \
                  output stays dead. And almost every killed run is still killed: normalisation keeps the hidden units' \
                  inputs in range, but y reaches 1,200 unscaled in the training part, so in most runs the output layer's own update is still \
                  huge and throws the relu output below 0 for every x. Normalising the hidden layer prevents neither kind of death here.",
        "提问者的程序在 200 个种子上运行，分别不加和加上批归一化（Keras 的 BatchNormalization），放在隐藏层 ReLU 之前。\
                  生来即死的种子完全相同：在任何更新之前，滑动统计量是 0 和 1，归一化只是把每个单元的输入除以 √1.001，\
                  死掉的输出仍然是死的。被杀死的运行也几乎全部仍被杀死：归一化让隐藏单元的输入保持在合理范围，\
                  但训练数据中未缩放的 y 最大到 1,200，在大多数运行中输出层自己的更新仍然巨大，把 ReLU 输出对每个 x 都推到 0 以下。\
                  在这里，对隐藏层做归一化，两种死亡都防不住。";
    /// The loss chart's secondary axis and its line.
    CHART_LEARNING_RATE = "learning rate", "学习率";

    // ── Work spread over frames: catching up, rewinding (src/ui/frame_loop.rs; issue 19, branch budget) ──
    /// While a pinned run trains to where the main run stands, a frame's budget at a time. `{}`: which pinned run (1, 2, …), its epoch, the main run's epoch.
    PROGRESS_CATCHING_UP = "Catching up pinned run {}: epoch {} of {}…", "正在追赶固定的对比运行 {}：第 {} 个 epoch，共 {} 个……";
    /// While a rewind replays the run from its seed. `{}`: updates replayed, the update it stops before.
    PROGRESS_REWINDING = "Rewinding: update {} of {}…", "正在倒回：第 {} 次更新，共 {} 次……";
    /// While the lesson's rewind step runs the run to its end to find the killing update. `{}`: the epoch, the run's epochs.
    PROGRESS_FINDING_KILLING = "Looking for the update that killed the network: epoch {} of {}…", "正在寻找杀死网络的那次更新：第 {} 个 epoch，共 {} 个……";

    // ── One judgement of a run (engine/judge.rs, report::headline; issue 30) ──
    /// The loss chart's quantity when the runs shown scale y differently: each drawn in y's units.
    LOSS_IN_Y_UNITS = "loss (MSE, in y's own units)", "loss（MSE，y 的原始单位）";
    MAE_IN_Y_UNITS = "MAE (in y's own units)", "MAE（y 的原始单位）";
    /// The preset menu once the run differs from its preset. `{}`: the preset's title.
    PRESET_CUSTOM = "custom, from {}", "自定义（基于“{}”）";
    /// The same when the run's target is not its preset's (a formula, own points): the target
    /// first. `{}`: the target (`judge::Target::words`), the preset's title.
    PRESET_CUSTOM_TARGET = "custom: {}, from {}", "自定义：{}（基于“{}”）";
    /// The target when it is the learner's own points. `{}`: how many.
    TARGET_YOUR_POINTS = "your {} point{s}", "你的 {} 个数据点";
    /// The banner's first line, in plain words: what happened to the run. `{}`: the target.
    HEADLINE_NOT_STARTED = "Not trained yet: press play and watch whether the network learns {}.",
        "尚未训练：按下播放，看看网络能否学会 {}。";
    HEADLINE_OUTPUT_BORN_DEAD = "Born dead: before any training the output unit gives 0 for every x, so nothing can learn, whatever the learning rate.",
        "生来即死：训练开始之前，输出单元对每个 x 都输出 0，所以无论学习率多少，什么都学不到。";
    /// `{}`: the update (from 1).
    HEADLINE_OUTPUT_KILLED = "The network died: update {} pushed the output unit to 0 for every x, and a unit stuck at 0 gets no gradient, so training stopped.",
        "网络死了：第 {} 次更新把输出单元对每个 x 都推到了 0，卡在 0 的单元得不到梯度，训练就此停止。";
    /// `{}`: the layer (from 1).
    HEADLINE_LAYER_BORN_DEAD = "Born dead: before any training every unit of hidden layer {} gives 0 for every x, so the network can only output one constant.",
        "生来即死：训练开始之前，第 {} 个隐藏层的每个单元对每个 x 都输出 0，所以网络只能输出一个常数。";
    /// `{}`: the layer (from 1).
    HEADLINE_LAYER_DEAD = "Every unit of hidden layer {} died: the network can only output one constant now.",
        "第 {} 个隐藏层的所有单元都死了：网络现在只能输出一个常数。";
    /// `{}`: the update (from 1).
    HEADLINE_DIVERGED = "Training blew up: in update {} the numbers grew past what the computer can hold.",
        "训练崩溃了：在第 {} 次更新中，数值大到计算机无法表示。";
    HEADLINE_SOFTMAX = "Stuck at 1: a softmax over a single unit outputs 1 for every x, whatever the weights, so nothing can learn.",
        "卡在 1：只有一个单元的 softmax 对每个 x 都输出 1，与权重无关，所以什么都学不到。";
    /// `{}`: 0 or 1.
    HEADLINE_SIGMOID = "Stuck at {}: the sigmoid output gives the same value for every x and passes back no gradient.",
        "卡在 {}：sigmoid 输出对每个 x 都给出同一个值，传不回任何梯度。";
    /// `{}`: the target.
    HEADLINE_LEARNING = "Learning: the loss is falling, but the network does not fit {} yet.",
        "正在学习：loss 在下降，但网络还没有拟合 {}。";
    /// `{}`: the target, R².
    HEADLINE_CONVERGED = "Learned: the network fits {} where it saw data (R² {}).",
        "学会了：网络在它见过数据的范围内拟合了 {}（R² {}）。";
    /// `HEADLINE_CONVERGED` for a target that is the same at every point (R² says nothing there).
    /// `{}`: the target.
    HEADLINE_CONVERGED_CONSTANT = "Learned: the network fits {} where it saw data.",
        "学会了：网络在它见过数据的范围内拟合了 {}。";
    /// `{}`: the target, R².
    HEADLINE_AT_NOISE_FLOOR = "Learned what the data allows: the network follows {} up to its noise (R² {}).",
        "学到了数据允许的程度：网络在噪声范围内跟上了 {}（R² {}）。";
    /// Added to a fit that has gone below its data's noise. `{}`: how many times the training loss
    /// the validation loss is.
    HEADLINE_OVERFITTING = " But on the validation points the loss is {} times the training loss: it is learning the noise, not the target (over-fitting).",
        "但在验证点上，loss 是训练 loss 的 {} 倍：它在学习噪声，而不是目标（过拟合）。";
    /// Classroom mode's one line over the charts for a fit gone below its noise (the whole headline
    /// is in the banner under them). `{}`: how many times the training loss the validation loss is.
    HEADLINE_OVERFITTING_SHORT = "Over-fitting: the validation loss is {} times the training loss.",
        "过拟合：验证集 loss 是训练 loss 的 {} 倍。";
    /// Why the first update was so large, in plain words. `{}`: the largest x, the largest y of the training part, the update.
    HEADLINE_WHY_X_AND_Y = " Why: x and y are large (x up to {}, y up to {}), so update {} threw the weights far.",
        "原因：x 和 y 都很大（x 最大 {}，y 最大 {}），所以第 {} 次更新把权重甩得很远。";
    /// `{}`: the largest x of the training part, the update.
    HEADLINE_WHY_X = " Why: x is large (up to {}), so update {} threw the weights far.",
        "原因：x 很大（最大 {}），所以第 {} 次更新把权重甩得很远。";
    /// `{}`: the largest y of the training part, the update.
    HEADLINE_WHY_Y = " Why: y is large (up to {}), so update {} threw the weights far.",
        "原因：y 很大（最大 {}），所以第 {} 次更新把权重甩得很远。";
    /// Added when the metric is accuracy and it reads 0.
    HEADLINE_ACCURACY_ZERO = " Accuracy 0 says nothing here: for one output Keras counts y == (ŷ > 0.5), a 0 or a 1, and a regression's targets are seldom 0 or 1. Watch the loss.",
        "准确率为 0 在这里说明不了什么：单输出时 Keras 判断 y == (ŷ > 0.5)，而它只会是 0 或 1，回归的目标值很少是 0 或 1。请看 loss。";
    /// While rewound. `{}`: the next update (from 1).
    HEADLINE_REWOUND_KILLS = "Paused just before update {}: the network is still alive, and this next update kills it.",
        "停在第 {} 次更新之前：网络还活着，而下一次更新会杀死它。";
    /// While rewound. `{}`: the next update (from 1).
    HEADLINE_REWOUND_DIVERGES = "Paused just before update {}: the next update makes the numbers blow up.",
        "停在第 {} 次更新之前：下一次更新会让数值爆掉。";
    /// While rewound. `{}`: the next update (from 1).
    HEADLINE_REWOUND_STAYS_DEAD = "Paused just before update {}: the network is already dead, and the next update leaves it dead.",
        "停在第 {} 次更新之前：网络已经死了，下一次更新之后它仍然是死的。";
    /// While rewound. `{}`: the next update (from 1).
    HEADLINE_REWOUND_SURVIVES = "Paused just before update {}: the network survives the next update.",
        "停在第 {} 次更新之前：网络能挺过下一次更新。";

    // ── Classroom mode for a hall (src/ui/app.rs, share.rs, charts/units.rs; issue 31, branch classroom) ──
    /// The header's entry into classroom mode.
    PRESENT = "Present", "演示";
    PRESENT_TIP = "Classroom mode: the run and its charts fill the screen, text sized for a projector", "课堂模式：运行和图表占满屏幕，文字大小适合投影";
    /// The QR button while the code shows.
    QR_HIDE = "Hide QR code", "隐藏二维码";
    QR_HIDE_TIP = "Hide the QR code of the link", "隐藏链接的二维码";
    /// Shows the QR code as large as the screen allows.
    QR_FULLSCREEN = "QR full screen", "全屏二维码";
    QR_FULLSCREEN_TIP = "Show the QR code as large as the screen allows, for a hall to scan", "把二维码显示得尽可能大，方便全场扫描";
    QR_OVERLAY_ARIA = "The share link's QR code, full screen", "分享链接的二维码（全屏）";
    /// Closes the full-screen QR code (Escape too).
    CLOSE = "Close", "关闭";
    /// The units chart's band: one row per unit across x. Green where its input z is above 0, light grey where not, a dark row for a dead unit.
    UNITS_BAND_CAPTION = "each unit over x: green where it is on (z > 0), dark rows dead", "每个单元随 x 的状态：绿色为开启（z > 0），深色的行表示死亡";
    /// The band's y axis.
    AXIS_UNIT = "unit", "单元";
    /// The loss chart's point for an epoch not finished (after a rewind, or a step). `{}`: the update.
    LOSS_AT_UPDATE = "update {}", "第 {} 次更新";
}

#[cfg(test)]
mod tests {
    /// "跟上了 你的 342 个数据点" read the page for own points: the space that sets a formula off
    /// ("拟合了 y = abs(x)") goes between Chinese words, and only there.
    #[test]
    fn a_chinese_value_joins_the_chinese_words_around_it_without_a_space() {
        use super::*;
        let points = TARGET_YOUR_POINTS.fill(Language::Zh, &[&342]);
        let line = HEADLINE_AT_NOISE_FLOOR.fill(Language::Zh, &[&points, &"0.810"]);
        assert!(
            line.contains("跟上了你的 342 个数据点（R² 0.810）"),
            "{line}"
        );
        let line = HEADLINE_AT_NOISE_FLOOR.fill(Language::Zh, &[&"y = abs(x)", &"0.810"]);
        assert!(line.contains("跟上了 y = abs(x)（R²"), "{line}");
        let line = HEADLINE_CONVERGED.fill(Language::En, &[&"your 342 points", &"0.9"]);
        assert!(line.contains("fits your 342 points where"), "{line}");
    }

    use super::*;

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Only code and numbers: no letters outside quotes.
    fn only_code(text: &str) -> bool {
        text.split(['“', '”'])
            .step_by(2)
            .all(|outside| !outside.chars().any(char::is_alphabetic))
    }

    /// The quoted spans of a message (code, names, what the learner typed: the same in both
    /// languages).
    fn code_spans(text: &str) -> Vec<&str> {
        text.split(['“', '”']).skip(1).step_by(2).collect()
    }

    /// The numbers of a message (runs of digits, dots and commas holding a digit).
    fn numbers(text: &str) -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .map(|w| w.trim_matches(|c| c == '.' || c == ',').to_string())
            .collect()
    }

    #[test]
    fn every_message_has_both_languages() {
        for (name, text) in ALL {
            assert!(!text.en.trim().is_empty(), "{name}: no English");
            assert!(!text.zh.trim().is_empty(), "{name}: no Chinese");
            assert!(!has_cjk(text.en), "{name}: Chinese in the English text");
            assert!(
                has_cjk(text.zh) || (only_code(text.en) && text.en == text.zh),
                "{name}: the Chinese text is not Chinese: {}",
                text.zh
            );
        }
    }

    #[test]
    fn placeholders_match() {
        for (name, text) in ALL {
            // Both languages read the same values, each exactly once (in any order).
            let mut en = text.slots(Language::En);
            let mut zh = text.slots(Language::Zh);
            en.sort_unstable();
            zh.sort_unstable();
            let expected: Vec<usize> = (0..text.placeholders()).collect();
            assert_eq!(en, expected, "{name}: English placeholders {en:?}");
            assert_eq!(zh, expected, "{name}: Chinese placeholders {zh:?}");
            // The plural's `{s}` is English only, after a value.
            assert!(!text.zh.contains("{s}"), "{name}: a plural in Chinese");
            assert!(
                !text.en.contains("{s}") || text.placeholders() > 0,
                "{name}: a plural without a count"
            );
            // `fill` knows `{}`, `{N}` and `{s}`: no other braces anywhere.
            for t in [text.en, text.zh] {
                let rest: String = pieces(t)
                    .into_iter()
                    .filter_map(|piece| match piece {
                        Piece::Literal(text) => Some(text),
                        Piece::Value(..) | Piece::Plural => None,
                    })
                    .collect();
                assert!(
                    !rest.contains(['{', '}']),
                    "{name}: a brace that is not a placeholder: {t}"
                );
            }
        }
    }

    #[test]
    fn code_and_numbers_stay_as_written() {
        for (name, text) in ALL {
            for span in code_spans(text.en) {
                assert!(
                    code_spans(text.zh).contains(&span),
                    "{name}: `{span}` missing in {}",
                    text.zh
                );
            }
            for number in numbers(text.en) {
                assert!(
                    text.zh.contains(&number),
                    "{name}: {number} missing in {}",
                    text.zh
                );
            }
        }
    }

    #[test]
    fn sentences_end_in_chinese_punctuation() {
        for (name, text) in ALL {
            if text.en.ends_with('.') && !text.en.ends_with("..") {
                assert!(text.zh.ends_with('。'), "{name}: {}", text.zh);
            }
            if text.en.ends_with(':') {
                assert!(text.zh.ends_with('：'), "{name}: {}", text.zh);
            }
        }
    }

    #[test]
    fn names_are_unique_and_screaming_snake_case() {
        let mut names: Vec<&str> = ALL.iter().map(|(name, _)| *name).collect();
        for name in &names {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
        }
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a name appears twice");
    }

    /// "Skip the 1 lines …", "1 runs in 0.1 s": a count of one takes the singular in English.
    #[test]
    fn a_count_of_one_takes_the_singular() {
        let skip = |count: usize| DATA_SKIP_OFFER.fill(Language::En, &[&count, &"5"]);
        assert_eq!(skip(1), "Skip the 1 line whose x or y is not a number: 5");
        assert_eq!(skip(2), "Skip the 2 lines whose x or y is not a number: 5");
        assert_eq!(skip(0), "Skip the 0 lines whose x or y is not a number: 5");
        // The noun follows the value just before it.
        assert_eq!(
            SWEEP_PROGRESS.fill(Language::En, &[&1, &2, &"3 s"]),
            "1 of 2 runs, about 3 s left"
        );
        assert_eq!(
            SWEEP_CANCELLED.fill(Language::En, &[&0, &1]),
            "cancelled after 0 of 1 run"
        );
        assert_eq!(
            STATUS_KEEP_TRAINING.fill(Language::En, &[&1]),
            "Keep training: 1 more epoch."
        );
        assert_eq!(
            STATUS_KEEP_TRAINING.fill(Language::Zh, &[&1]),
            "继续训练：再训练 1 个 epoch。"
        );
        // Not a plural of a number that only starts with 1.
        assert_eq!(POINTS_COUNT.fill(Language::En, &[&10]), "10 points");
        assert_eq!(POINTS_COUNT.fill(Language::En, &[&1]), "1 point");
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(
            UNITS_CAPTION_DEAD.fill(Language::En, &[&3, &128]),
            "hidden units: 3 of 128 dead (grey)"
        );
        assert_eq!(
            UNITS_CAPTION_DEAD.fill(Language::Zh, &[&3, &128]),
            "隐藏单元：3 个已死（共 128 个，灰色）"
        );
        assert_eq!(
            NOTICE_CLAMPED.fill(
                Language::Zh,
                &[&"lr", &"99", &RANGE.fill(Language::Zh, &[&1e-6, &10]), &10]
            ),
            "“lr=99” 超出范围（0.000001 到 10）；改用 10"
        );
        assert_eq!(EPOCH_COUNTER.fill(Language::En, &[&3]), "epoch 3 / {}");
        assert_eq!(PLAY.fill(Language::Zh, &[]), PLAY.get(Language::Zh));
    }

    #[test]
    fn fill_puts_numbered_values_where_each_language_wants_them() {
        let text = Text {
            en: "{} of {} hidden units are dead.",
            zh: "{1} 个隐藏单元中有 {0} 个已死。",
        };
        assert_eq!(
            text.fill(Language::En, &[&3, &128]),
            "3 of 128 hidden units are dead."
        );
        assert_eq!(
            text.fill(Language::Zh, &[&3, &128]),
            "128 个隐藏单元中有 3 个已死。"
        );
        assert_eq!(text.placeholders(), 2);
        // A number may repeat; a missing value leaves its placeholder as written.
        let again = Text {
            en: "{0}, {0} and {1}",
            zh: "{1}、{0}、{0}",
        };
        assert_eq!(again.fill(Language::En, &[&"a", &"b"]), "a, a and b");
        assert_eq!(again.fill(Language::Zh, &[&"a"]), "{1}、a、a");
        // Braces that are not placeholders are text.
        let set = Text {
            en: "Σ_{w>0} {}",
            zh: "{x} {}",
        };
        assert_eq!(set.fill(Language::En, &[&7]), "Σ_{w>0} 7");
        assert_eq!(set.fill(Language::Zh, &[&7]), "{x} 7");
    }
}
