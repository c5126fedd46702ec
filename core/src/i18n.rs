//! Every word the page shows, in English and Chinese, declared once. The widgets, banners, charts,
//! notices and tooltips read their text from here by name, so the two languages can never drift
//! apart: a test checks that every message has both, with the same placeholders.
//!
//! Not here: the lesson (`crate::lesson`) and the diagnosis texts (`engine::report`, its `say!`
//! macro), which are bilingual where they are written; and code names shown as code (choice names
//! such as `relu` or `sgd`, link keys such as `lr`, `Dense`, numbers).
//!
//! Terms follow the Chinese lesson and report: 学习率, 隐藏层, 激活函数, 优化器, 批大小, 训练集/验证集/测试集,
//! 损失, 准确率, 生来即死, 扫描, 随机种子; `epoch` and `batch` stay in English, as Keras prints them.
use crate::engine::config::Language;

/// One message in both languages. `{}` marks where a value goes (filled in order by `fill`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::Zh => self.zh,
        }
    }

    /// The message with each `{}` replaced by the next value. A `{}` without a value stays as
    /// written, a value without a `{}` is dropped (the tests check every message's placeholders).
    pub fn fill(self, language: Language, values: &[&dyn std::fmt::Display]) -> String {
        use std::fmt::Write;
        let template = self.get(language);
        let mut out = String::with_capacity(template.len() + 16 * values.len());
        let mut values = values.iter();
        let mut pieces = template.split("{}");
        if let Some(first) = pieces.next() {
            out.push_str(first);
        }
        for piece in pieces {
            match values.next() {
                Some(value) => {
                    let _ = write!(out, "{value}");
                }
                None => out.push_str("{}"),
            }
            out.push_str(piece);
        }
        out
    }

    /// How many values the message takes (its `{}`s; the same in both languages).
    pub fn placeholders(self) -> usize {
        self.en.matches("{}").count()
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
    TAGLINE = "Why does my network output 0? Train a 1→H→1 network on y = 2x and watch.",
        "为什么我的网络总是输出 0？在 y = 2x 上训练一个 1→H→1 网络，看看发生了什么。";
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
    /// `{}`: epochs per frame (10, 100).
    SPEED_EPOCHS = "{} epochs / frame", "每帧 {} 个 epoch";
    SPEED_MAX = "as fast as possible", "尽可能快";
    /// `{}`: the epoch reached, then the epochs of the run.
    EPOCH_COUNTER = "epoch {} / {}", "第 {} / {} 个 epoch";

    // ── Status line (src/ui/mod.rs, frame_loop.rs, share.rs, lesson_panel.rs, sweep_panel.rs) ───
    STATUS_SETTINGS_CHANGED = "Settings changed: the run was reset to epoch 0.", "设置已更改：运行已重置到第 0 个 epoch。";
    /// `{}`: the preset's title.
    STATUS_PRESET_LOADED = "Loaded preset: {}.", "已载入预设：{}。";
    STATUS_DIVERGED = "The run diverged; press reset (r) or change a setting.", "这次运行已经发散；请按重置（r 键）或更改设置。";
    /// `{}`: how many more epochs.
    STATUS_KEEP_TRAINING = "Keep training: {} more epochs.", "继续训练：再训练 {} 个 epoch。";
    STATUS_RESET = "Reset: the same run starts again from its first update.", "已重置：同一次运行从第一次更新重新开始。";
    /// `{}`: the step's number, from 1.
    STATUS_LESSON_STEP = "Lesson step {}", "课程第 {} 步";
    /// `{}`: the seed.
    STATUS_SWEEP_SEED_OPENED = "Opened seed {} of the sweep.", "已打开扫描中的种子 {}。";
    STATUS_PINNED = "Pinned: this run stays on the charts while you change the settings.",
        "已固定：你更改设置时，这次运行会一直留在图表上。";
    /// `{}`: the update's number, from 1.
    STATUS_REWOUND = "Rewound to just before update {}: step a batch to watch it happen.",
        "已倒回到第 {} 次更新之前：单步运行一个 batch 来观察它发生。";
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
    TIP_NOISE = "Standard deviation of random noise added to y = 2x.", "加到 y = 2x 上的随机噪声的标准差。";
    LABEL_XSCALE = "scale x", "缩放 x";
    TIP_XSCALE = "standard: subtract the mean, divide by the std, so x is near 1 instead of near 1000. This alone tames the huge gradient.",
        "standard：减去均值再除以标准差，让 x 在 1 附近而不是 1000 附近。仅此一项就能驯服巨大的梯度。";
    LABEL_YSCALE = "scale y", "缩放 y";
    TIP_YSCALE = "Scale the targets too; the charts still show original units.", "同时缩放目标值；图表仍以原始单位显示。";
    /// The tooltip of the whole hidden-layers block.
    TIP_HIDDEN = "How many units each hidden layer has. More units: more kinks the line can bend at. More layers: deeper, and a narrow deep ReLU network is often born dead.",
        "每个隐藏层有多少个单元。单元越多，折线能弯折的拐点就越多。层数越多，网络越深，而又窄又深的 ReLU 网络常常生来即死。";
    LABEL_HIDDEN = "hidden layers", "隐藏层";
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
    TIP_METRIC = "accuracy counts exact hits: meaningless for y = 2x. mae is the mean distance to the target.",
        "accuracy 统计完全命中的比例：对 y = 2x 毫无意义。mae 是到目标值的平均距离。";
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
    NOTICE_UNKNOWN_KEY = "unknown key `{}` (value `{}`) ignored", "未知的键 `{}`（值为 `{}`）已忽略";
    /// `{}`: key, value, what was expected (one of the `EXPECTED_*` messages), the value used.
    NOTICE_INVALID = "`{}={}` is not {}; using {}", "`{}={}` 无效，应为：{}；改用 {}";
    /// `{}`: key, value, the range (`RANGE`, `RANGE_LAYERS`), the value used.
    NOTICE_CLAMPED = "`{}={}` is outside {}; using {}", "`{}={}` 超出范围（{}）；改用 {}";
    /// `{}`: the key, then its last value.
    NOTICE_REPEATED = "`{}` appears more than once; the last value `{}` counts", "`{}` 出现了不止一次；以最后一个值 `{}` 为准";
    /// `{}`: key, value, why (one of the `WHY_*` messages), the value used.
    NOTICE_ADJUSTED = "`{}={}` {}; using {}", "`{}={}` {}；改用 {}";

    // ── Notices: what was expected (src/engine/config/settings.rs, mod.rs) ───────────────────────
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
    SWEEP_DROPPED_KEY = "key `{}`", "键 `{}`";
    EXPECTED_LINK_VERSION = "link version 1", "链接版本 1";
    /// `{}`: the low end, then the high end.
    RANGE = "the range {} to {}", "{} 到 {}";
    /// `{}`: the most layers, then the most units.
    RANGE_LAYERS = "1 to {} layers of 1 to {} units", "1 到 {} 层、每层 1 到 {} 个单元";

    // ── Notices: why a setting was adjusted (src/engine/config/mod.rs) ───────────────────────────
    WHY_NOT_TRAINABLE = "is not a network relu-lab can train", "不是 relu-lab 能训练的网络";
    /// `{}`: `start`.
    WHY_STOP_ABOVE_START = "must be above `start`={}", "必须大于 `start`={}";
    /// `{}`: the most points.
    WHY_TOO_MANY_POINTS = "would make more than {} points", "会产生超过 {} 个数据点";
    /// `{}`: `lo`.
    WHY_HI_ABOVE_LO = "must be above `lo`={}", "必须大于 `lo`={}";
    /// `{}`: how many points the data has.
    WHY_MORE_THAN_DATA = "is more than the {} data points", "超过了数据点的总数 {}";
    /// `{}`: the training points.
    WHY_NOTHING_TO_FIT = "leaves none of the {} training points to train on", "使 {} 个训练点中没有一个可用于训练";

    // ── Charts: the tabs and canvases' labels (src/ui/canvas.rs) ─────────────────────────────────
    /// The loss chart's first tab.
    TAB_LOSS = "loss", "损失";
    /// aria-label of the loss chart's tabs.
    LOSS_TABS_ARIA = "loss chart shows", "损失图显示";
    LOSS_CHART_ARIA = "loss per epoch", "每个 epoch 的损失";
    FIT_CHART_ARIA = "data, target line and the network's prediction", "数据、目标直线和网络的预测";
    /// aria-label of the units chart's layer tabs.
    UNITS_TABS_ARIA = "units chart shows layer", "单元图显示的层";
    UNITS_CHART_ARIA = "what each hidden unit adds to the output; dead units in grey", "每个隐藏单元为输出贡献了什么；死亡单元为灰色";

    // ── Charts: fit (src/charts/fit.rs) ──────────────────────────────────────────────────────────
    FIT_CAPTION = "data, target and the network's prediction", "数据、目标和网络的预测";
    LEGEND_TRAIN = "train", "训练集";
    LEGEND_VALIDATION = "validation", "验证集";
    LEGEND_TEST = "test", "测试集";
    /// `{}`: the slope, then the intercept as " + 3" or " − 3" (empty for 0).
    LEGEND_TARGET = "target y = {}x{}", "目标 y = {}x{}";
    LEGEND_NETWORK = "network", "网络";

    // ── Charts: loss (src/charts/loss.rs) ────────────────────────────────────────────────────────
    LOSS_MSE = "loss (MSE)", "损失 (MSE)";
    /// The accuracy metric: the loss chart's tab and series (MAE stays MAE).
    METRIC_ACCURACY = "accuracy", "准确率";
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
    SWEEP_CANCELLED = "cancelled after {} of {} runs", "已取消：完成了 {} 次运行（共 {} 次）";
    /// `{}`: all runs, then the time ("3.2 s").
    SWEEP_DONE = "{} runs in {}", "{} 次运行，用时 {}";
    /// `{}`: all runs.
    SWEEP_STARTING = "0 of {} runs", "已完成 0 次运行（共 {} 次）";
    /// `{}`: runs done, all runs, the time left ("12 s").
    SWEEP_PROGRESS = "{} of {} runs, about {} left", "已完成 {} 次运行（共 {} 次），大约还剩 {}";
    HEAT_MAP_OF = "heat map of", "热力图显示";
    SWEEP_CHART_ARIA = "outcomes of the sweep's runs per cell", "扫描中每格各次运行的结局";
    SWEEP_TABLE_CAPTION = "Runs per cell by outcome: count (share, 95% Wilson interval)", "每格的运行按结局统计：次数（占比，95% Wilson 区间）";
    COLUMN_CELL = "cell", "格";
    COLUMN_RUNS = "runs", "运行次数";
    COLUMN_BORN_DEAD_THEORY = "born dead, theory", "生来即死（理论值）";
    /// A cell's label when the sweep varies nothing.
    THESE_SETTINGS = "these settings", "这些设置";
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
    NEXT_UPDATE = "Next: update {}.", "下一步：第 {} 次更新。";
    UPDATE_DIVERGES = "It makes a weight or the loss infinite: training diverges.", "它使某个权重或 loss 变为无穷大：训练发散。";
    UPDATE_KILLS = "The network dies: after it, the output is the same for every x.", "网络死了：在它之后，对每个 x 的输出都一样。";
    UPDATE_SURVIVES = "The network survives it.", "网络挺过了这次更新。";
    /// `{}`: the largest change, the output's input range before and after, the units it kills, then
    /// `UPDATE_KILLS` or `UPDATE_SURVIVES`.
    UPDATE_EFFECT = "It changes a weight by {}. The output's input over the training x goes from {} to {}. It kills {} hidden units. {}",
        "它让某个权重变化了 {}。输出单元对训练 x 的输入从 {} 变为 {}。它杀死 {} 个隐藏单元。{}";
    NOT_A_NUMBER = "not a number", "不是数";
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
    /// `{}`: the RMS distance to the target line over the training x.
    DESCRIBE_FIT = "the network's line is {} from y = 2x on average over the training x (root mean square)", "在训练 x 上，网络的直线与 y = 2x 的均方根距离为 {}";
    /// `{}`: dead units, all units.
    DESCRIBE_UNITS = "{} of {} hidden units dead", "{} 个隐藏单元已死（共 {} 个）";
    COLUMN_EPOCH = "epoch", "epoch（轮次）";
    COLUMN_LOSS = "loss", "损失";
    COLUMN_VAL_LOSS = "validation loss", "验证集 loss";
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
    OUTCOME_LEARNING = "learning", "学习中";
    OUTCOME_CONVERGED = "converged", "已收敛";

    // ── Settings docs: one line per link key, for tooltips and help (src/engine/config/settings.rs)
    DOC_PRESET = "The seed thread's program to start from (applied first; the other keys override it).",
        "作为起点的原帖程序（最先应用；其他键会覆盖它）。";
    DOC_DATA = "How the inputs x are made: `arange` (start, stop, step), `randn` or `uniform` (lo, hi) of `n` points, or `own` (the points of `pts`).",
        "输入 x 的生成方式：`arange`（start、stop、step），或 `n` 个点的 `randn` 或 `uniform`（lo、hi），或 `own`（`pts` 中的数据点）。";
    DOC_START = "First x of `arange`.", "`arange` 的第一个 x。";
    DOC_STOP = "`arange` stops before this x (like numpy); must be above `start`.", "`arange` 在这个 x 之前停止（与 numpy 一样）；必须大于 `start`。";
    DOC_STEP = "Distance between neighbouring x of `arange`.", "`arange` 中相邻两个 x 之间的距离。";
    DOC_N = "Number of points of `randn` and `uniform`.", "`randn` 和 `uniform` 的点数。";
    DOC_LO = "Smallest x of `uniform`.", "`uniform` 的最小 x。";
    DOC_HI = "Largest x of `uniform`; must be above `lo`.", "`uniform` 的最大 x；必须大于 `lo`。";
    DOC_SLOPE = "Target y = slope·x + intercept + noise.", "目标值 y = slope·x + intercept + noise。";
    DOC_INTERCEPT = "Target y = slope·x + intercept + noise.", "目标值 y = slope·x + intercept + noise。";
    DOC_NOISE = "Standard deviation of normal noise added to y.", "加到 y 上的正态噪声的标准差。";
    DOC_TRAIN = "Leading points passed to `fit` (the seed's `x[:750]`); the rest is the test part.",
        "传给 `fit` 的前若干个点（原程序中的 `x[:750]`）；其余是测试部分。";
    DOC_VSPLIT = "Keras' `validation_split`: the last fraction of the training points, held out before shuffling.",
        "Keras 的 `validation_split`：训练点中最后这一比例的点，在打乱顺序之前留作验证集。";
    DOC_HIDDEN = "Units of each hidden layer, comma-separated (`128`, or `8,8,4` for three layers).",
        "每个隐藏层的单元数，用逗号分隔（`128`，或三层的 `8,8,4`）。";
    DOC_ACT = "Activation of the hidden layers.", "隐藏层的激活函数。";
    DOC_ALPHA = "Slope of `leaky_relu` below 0 (Keras 3's default 0.2).", "`leaky_relu` 在 0 以下的斜率（Keras 3 默认为 0.2）。";
    DOC_OUT = "Activation of the output unit.", "输出单元的激活函数。";
    DOC_INIT = "Initialiser of every layer's kernel (Keras names), or `rai` (Lu et al. 2019).",
        "每一层权重（kernel）的初始化方法（用 Keras 的名称），或 `rai`（Lu 等，2019）。";
    DOC_BIAS = "Initial bias of every hidden unit (Keras: 0).", "每个隐藏单元的初始偏置（Keras 中为 0）。";
    DOC_OPT = "Optimiser, with Keras 3's update rules.", "优化器，采用 Keras 3 的更新规则。";
    DOC_LR = "Learning rate.", "学习率。";
    DOC_MOMENTUM = "Momentum of `momentum` and `nesterov`.", "`momentum` 和 `nesterov` 优化器的动量。";
    DOC_DECAY = "Legacy Keras decay: lr / (1 + decay · updates).", "旧版 Keras 的学习率衰减：lr / (1 + decay · 更新次数)。";
    DOC_BATCH = "Points per update (a batch larger than the training rows is one batch per epoch, as in Keras).",
        "每次更新用的点数（batch 比训练行数还大时，每个 epoch 就只有一个 batch，与 Keras 相同）。";
    DOC_EPOCHS = "Passes over the training points; 0 only initialises.", "遍历训练点的轮数；0 表示只初始化、不训练。";
    DOC_XSCALE = "Scaling of x, fitted on the rows trained on.", "x 的缩放方式，其参数只由参与训练的行算出。";
    DOC_YSCALE = "Scaling of y (charts stay in original units).", "y 的缩放方式（图表仍使用原始单位）。";
    DOC_METRIC = "The metric next to the loss, as `metrics=[...]`.", "显示在 loss 旁边的评估指标，即 `metrics=[...]`。";
    DOC_SEED = "Seed of the data, the initial weights and the shuffling.", "数据、初始权重和打乱顺序所用的随机种子。";
    DOC_LANG = "Language of the page.", "页面的语言。";
    DOC_CLASS = "Classroom mode: larger charts and text for a projector.", "课堂模式：为投影仪放大图表和文字。";
    DOC_HIDE = "Panels a classroom link hides.", "课堂链接要隐藏的面板。";
    DOC_SWEEP = "Settings a sweep varies, with their values: `lr:0.001|0.01|0.1`, two keys joined by `;`.",
        "扫描时改变的设置及其取值：`lr:0.001|0.01|0.1`，两个键之间用 `;` 连接。";
    DOC_SEEDS = "Seeds per sweep cell, from the link's `seed` on.", "扫描中每格用多少个种子，从链接中的 `seed` 开始依次取。";

    // ── Pinned runs, `vs` (in the working tree of settings.rs and link.rs, not yet committed) ────
    DOC_VS = "A run pinned beside this one: its differences from it as a URL-encoded query (`vs=v%3D1%26lr%3D0.001`); repeat for up to 4.",
        "固定在本次运行旁边作对比的另一次运行：用 URL 编码的查询串写出它与本次运行的差别（`vs=v%3D1%26lr%3D0.001`）；最多可重复 4 次。";
    /// `Config::difference_label` when a pinned run differs in nothing.
    PIN_SAME_SETTINGS = "the same settings", "相同的设置";
    /// The value used when a pin is refused. `{}`: how many runs are pinned.
    PINNED_RUNS = "{} pinned runs", "{} 个固定的对比运行";
    /// What a pin must be. `{}`: why this one is not (one of the `PIN_*` messages below).
    EXPECTED_PIN = "a query of run settings ({})", "由运行设置组成的查询串（{}）";
    /// `{}`: the most pinned runs.
    PIN_TOO_MANY = "at most {} pinned runs", "最多 {} 个固定的对比运行";
    /// `{}`: a key that is not a run setting.
    PIN_NOT_A_RUN_KEY = "`{}` is not one", "`{}` 不是运行设置";
    /// `{}`: the key, then the value.
    PIN_BAD_VALUE = "`{}={}` is not a value it takes", "`{}={}` 不是这个键能取的值";
    /// `Domain::describe` of `vs`. `{}`: the most pinned runs.
    DOMAIN_COMPARE = "a query of run settings, up to {} times", "由运行设置组成的查询串，最多 {} 次";

    // ── Settings: the values a key takes, in words (`Domain::describe`, settings.rs) ─────────────
    /// `{}`: the low end, then the high end.
    DOMAIN_RANGE = "{} to {}", "{} 到 {}";
    /// `{}`: the names, comma-separated.
    DOMAIN_SUBSET = "any of {}", "{} 中的任意几个";
    /// `{}`: the most layers, the most units, the most weights.
    DOMAIN_WIDTHS = "1 to {} widths of 1 to {}, at most {} weights", "1 到 {} 个宽度（每个 1 到 {}），最多 {} 个权重";
    /// `{}`: the most keys, then the most values.
    DOMAIN_SWEEP = "up to {} run keys with up to {} values each", "最多 {} 个运行设置键，每个最多 {} 个值";

    // ── Your own problem: a formula for y, your own data (engine/formula.rs, table.rs; issue 22) ──
    DOC_F = "Target y = f(x) + noise, a formula in x (`abs(x)`, `x^2`, `sin(2*pi*x)`); while it is `2*x`, `slope` and `intercept` make the target.",
        "目标值 y = f(x) + noise，f 是关于 x 的公式（`abs(x)`、`x^2`、`sin(2*pi*x)`）；当它是 `2*x` 时，目标值由 `slope` 和 `intercept` 决定。";
    DOC_PTS = "Your own points (with `data=own`), as the page's link writes them.",
        "你自己的数据点（配合 `data=own`），按页面链接的写法编码。";
    /// `Domain::describe` of `f`.
    /// `{}`: the most characters.
    DOMAIN_FORMULA = "a formula in `x` of up to {} characters: numbers, `+ - * / ^`, `( )`, `abs sqrt exp log sin cos tan tanh step min max`, `pi`, `e`",
        "最多 {} 个字符的关于 `x` 的公式：数字、`+ - * / ^`、`( )`、`abs sqrt exp log sin cos tan tanh step min max`、`pi`、`e`";
    /// `Domain::describe` of `pts`.
    DOMAIN_POINTS = "points in base64url, as the page writes them", "base64url 编码的数据点（按页面的写法）";
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
    FORMULA_UNEXPECTED = "`{}` cannot be part of a formula here", "`{}` 不能出现在公式的这个位置";
    /// `{}`: the name.
    FORMULA_UNKNOWN_NAME = "`{}` is not x, pi, e or a function (abs sqrt exp log sin cos tan tanh step min max)",
        "`{}` 不是 x、pi、e，也不是函数（abs sqrt exp log sin cos tan tanh step min max）";
    FORMULA_EXPECTED_VALUE = "a number, x, a function or ( is missing", "这里缺少数字、x、函数或 (";
    FORMULA_EXPECTED_OPERATOR = "an operator (+ - * / ^) is missing", "这里缺少运算符（+ - * / ^）";
    FORMULA_MISSING_CLOSE = "a ) is missing", "缺少 )";
    FORMULA_UNMATCHED_CLOSE = "this ) has no (", "这个 ) 没有对应的 (";
    /// `{}`: the text that does not read as a number.
    FORMULA_BAD_NUMBER = "`{}` is not a number", "`{}` 不是数";
    /// `{}`: the function, then how many values it takes.
    FORMULA_WRONG_ARGUMENTS = "`{}` takes {} values, separated by commas", "`{}` 需要 {} 个用逗号分隔的值";
    /// `{}`: the function.
    FORMULA_NEEDS_PARENTHESES = "`{}` needs its value in parentheses", "`{}` 的参数需要放在括号里";
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
    POINTS_COUNT = "{} points", "{} 个数据点";
    /// `{}`: the file's size in bytes, then the most bytes.
    DATA_TOO_LARGE = "The file has {} bytes; at most {} (10 MB) can be read.", "文件有 {} 字节；最多只能读取 {}（10 MB）。";
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
    LINE_PROBLEM = "line {}: {} (`{}`)", "第 {} 行：{}（`{}`）";
    /// `{}`: the column from 1, then its text.
    LINE_NOT_A_NUMBER = "column {}, `{}`, is not a number", "第 {} 列的 `{}` 不是数";
    /// `{}`: the column from 1, its text, then why (`DATA_VALUE_*`).
    LINE_NOT_FINITE = "column {}, `{}`, {}", "第 {} 列的 `{}` {}";
    /// `{}`: how many values the line has, then the column asked for (from 1).
    LINE_TOO_FEW_COLUMNS = "has {} values, column {} is needed", "只有 {} 个值，需要第 {} 列";
    /// `{}`: the delimiter found, then the file's (`DELIMITER_*`).
    LINE_MIXED_DELIMITERS = "is separated by {} where the first line uses {}", "用 {} 分隔，而第一行用的是 {}";
    DELIMITER_TAB = "tabs", "制表符";
    DELIMITER_SEMICOLON = "`;`", "`;`";
    DELIMITER_COMMA = "`,`", "`,`";
    DELIMITER_SPACE = "spaces", "空格";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Only code and numbers: no letters outside backticks.
    fn only_code(text: &str) -> bool {
        text.split('`')
            .step_by(2)
            .all(|outside| !outside.chars().any(char::is_alphabetic))
    }

    /// The `code` spans of a message.
    fn code_spans(text: &str) -> Vec<&str> {
        text.split('`').skip(1).step_by(2).collect()
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
            let count = |t: &str| t.matches("{}").count();
            assert_eq!(count(text.en), count(text.zh), "{name}: {{}} differ");
            assert_eq!(text.placeholders(), count(text.zh), "{name}");
            // `fill` knows only `{}`: no other braces anywhere.
            for t in [text.en, text.zh] {
                let rest = t.replace("{}", "");
                assert!(
                    !rest.contains(['{', '}']),
                    "{name}: a brace that is not {{}}: {t}"
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
            "`lr=99` 超出范围（0.000001 到 10）；改用 10"
        );
        assert_eq!(EPOCH_COUNTER.fill(Language::En, &[&3]), "epoch 3 / {}");
        assert_eq!(PLAY.fill(Language::Zh, &[]), PLAY.get(Language::Zh));
    }
}
