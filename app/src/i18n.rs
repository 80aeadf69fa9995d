//! Every string the app shows, in zh-CN and English.
//!
//! One macro defines the struct and both languages together, so a string
//! cannot exist in one language only: a missing translation is a compile error.

use crate::prefs::Lang;

macro_rules! texts {
    ($($key:ident: $zh:expr, $en:expr;)*) => {
        /// The app's strings in one language.
        pub struct Text { $(pub $key: &'static str,)* }
        /// Simplified Chinese, the default.
        pub static ZH: Text = Text { $($key: $zh,)* };
        /// English.
        pub static EN: Text = Text { $($key: $en,)* };
    };
}

texts! {
    app_name: "慢特通", "Mantetong";
    tagline: "门诊慢特病待遇认定助手", "Help with outpatient chronic and special disease benefits";
    skip_to_main: "跳到主要内容", "Skip to main content";
    settings_label: "显示设置", "Display settings";
    lang_switch: "English", "中文";
    lang_switch_label: "Switch to English", "切换到中文";
    elder_switch: "长辈模式（大字）", "Elder mode (large text)";
    home_doc_title: "慢特通 - 门诊慢特病待遇认定助手", "Mantetong - help with outpatient chronic disease benefits";
    home_title: "门诊慢特病待遇认定，一步一步帮您办", "Get your outpatient chronic disease benefits recognised, step by step";
    home_lead: "高血压、糖尿病、恶性肿瘤等门诊慢特病，经医保部门认定后，门诊看病和买药可以按比例报销。慢特通帮您看看能不能办、要准备哪些材料、大概能报多少，再帮您把申请交到所在地区。",
        "Once your medical insurance office recognises a chronic or special disease such as high blood pressure, diabetes or cancer, outpatient visits and medicines are reimbursed at a higher rate. Mantetong tells you whether you qualify, which papers to prepare and roughly how much will be paid back, then helps you send the application to your region.";
    home_does_title: "慢特通能帮您做什么", "What Mantetong does for you";
    home_does_1: "能不能办：只问还需要知道的问题，每个结论都注明政策出处。", "Whether you qualify: it asks only what it still needs to know, and every answer names its policy source.";
    home_does_2: "要哪些材料：列出您需要的材料，提前检查盖章、有效期等常见问题。", "Which papers: a list of what you need, with seals, dates and other common problems checked in advance.";
    home_does_3: "能报多少：按当地政策估算一年能报销的金额。", "How much: an estimate of what the insurance pays in a year under your region's rules.";
    home_steps_title: "接下来的步骤", "The steps ahead";
    home_step_1: "选择参保地区", "Choose the region where you are insured";
    home_step_2: "说明是给自己办，还是替家人办", "Say whether you are applying for yourself or for a family member";
    home_step_3: "回答几个问题", "Answer a few questions";
    home_step_4: "查看结果、材料清单和报销估算", "See the result, your checklist of papers and the estimate";
    home_step_5: "核对后提交，或打印纸质材料", "Check your answers, then submit or print the paper forms";
    privacy_title: "您的信息留在手机上", "Your information stays on your phone";
    privacy_body: "您填写的内容和上传的照片只保存在这台手机上。在您按下“提交”之前，不会发送到任何地方，也不会发给任何第三方。",
        "What you type and the photos you add are kept only on this phone. Nothing is sent anywhere before you press “Submit”, and nothing ever goes to a third party.";
    not_found_doc_title: "页面不存在 - 慢特通", "Page not found - Mantetong";
    not_found_title: "页面不存在", "Page not found";
    not_found_body: "您要找的页面不存在，可能是地址输错了。", "The page you are looking for does not exist. The address may be mistyped.";
    back_home: "返回首页", "Back to the home page";
}

/// The strings for `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
