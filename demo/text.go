package demo

// Word banks for synthetic cases, in English and Chinese. Deterministic
// picks from these make titles and summaries that read like real ones and
// that search can find.

var respondents = []string{
	"Shenzhen Metro Group", "Pengcheng Health Cloud", "Qianhai Micro-Credit Ltd.", "Futian District Education Bureau",
	"Nanshan People's Hospital", "SwiftRide Mobility", "BrightPath Tutoring", "Huaqiang Retail Chain",
	"CityEye Security Systems", "Dapeng Insurance Co.", "Longgang Public Services Centre", "Bay Area Job Match",
	"深圳智慧医疗科技有限公司", "前海数字金融服务公司", "南山区人民医院", "福田区教育局", "鹏城出行科技", "华强北零售集团",
}

var systems = []string{
	"GateFace", "TriageAI", "CreditScore Pro", "ExamProctor", "RouteOptimizer", "VoiceClone Studio",
	"SmartCCTV", "HireRank", "ClaimBot", "PriceWise", "MedImage Assist", "人脸识别闸机", "智能分诊系统", "信用评分模型", "智能监考系统",
}

var englishTitles = map[string][]string{
	"ethics_complaint": {
		"Opaque automated rejection of %s applications",
		"Algorithmic price discrimination by %s",
		"Deep synthesis video of a public official attributed to %s",
		"Biased ranking of older candidates by %s",
		"Unsafe advice given to patients by %s",
		"Dark patterns nudging minors in %s",
	},
	"privacy_complaint": {
		"Facial recognition at entrances without consent (%s)",
		"Personal information shared with advertisers by %s",
		"Voice recordings retained indefinitely by %s",
		"Location tracking of employees through %s",
		"Health data used to train a model without consent (%s)",
	},
	"guidance_request": {
		"Guidance on a low-risk healthcare AI trial of %s",
		"Use of shared government data to train %s",
		"Deployment of %s in public schools",
		"Disclosure duties for a medium-risk rollout of %s",
		"Prior assessment of a high-risk deployment of %s",
	},
}

var chineseTitles = map[string][]string{
	"ethics_complaint": {
		"关于%s算法歧视的投诉",
		"%s利用算法实施价格歧视",
		"%s未经同意生成深度合成视频",
	},
	"privacy_complaint": {
		"%s未经同意收集人脸信息",
		"%s泄露个人信息及隐私",
		"%s违规处理个人健康数据",
	},
	"guidance_request": {
		"关于%s低风险医疗人工智能试点的咨询",
		"关于使用政府共享数据训练%s的指引申请",
		"%s在公共服务领域部署的风险评估",
	},
}

var englishSummaries = []string{
	"The submitter states that the system made a decision about them without any explanation and that no human review was offered.",
	"According to the submission, personal information was collected at scale and shared with third parties without informed consent.",
	"The organisation asks whether the proposed trial may proceed, what disclosure is required and how follow-up should be organised.",
	"The complaint alleges that the model systematically disadvantages a protected group and that complaints to the operator went unanswered.",
	"The submitter reports that prices shown to long-standing customers were higher than those shown to new customers for the same service.",
	"The request describes a pilot with 200 volunteers, a data protection impact assessment and an independent monitoring board.",
}

var chineseSummaries = []string{
	"投诉人称该系统在未告知的情况下收集人脸信息，并且没有提供拒绝的途径。",
	"申请单位拟在三家社区医院开展人工智能辅助诊断试点，请求委员会就伦理风险和知情同意程序给予指引。",
	"投诉人认为该平台利用算法对老用户实施价格歧视，侵害了消费者的合法权益。",
	"材料显示相关个人信息被用于模型训练，未取得数据主体的同意，涉嫌侵犯隐私。",
	"申请人询问使用政府共享数据训练模型时应当履行的审批程序及风险提示义务。",
}

var englishNotes = []string{
	"Called the submitter to confirm the facts; they will send the screenshots by Friday.",
	"The respondent's data protection officer acknowledged receipt of our letter.",
	"Rapporteur: the risk assessment provided does not address re-identification.",
	"Panel discussion scheduled; the technical annex needs an independent reading.",
	"Checked the catalogue code against the company's registration: correct.",
	"The submitter asked that their identity not be disclosed to the respondent.",
	"Draft questions for the respondent circulated to the panel.",
	"The algorithm's documentation describes a fairness audit, but no results were provided.",
}

var chineseNotes = []string{
	"已与投诉人电话核实情况，对方同意补充提交截图。",
	"被投诉单位表示将于下周提交算法说明材料。",
	"报告人认为风险评估未涵盖个人信息去标识化问题。",
	"建议要求申请单位补充知情同意书样本。",
	"委员会秘书处已向相关单位发送补正通知。",
}

var reasons = map[string][]string{
	"inadmissible": {
		"The matter concerns a product sold outside the committee's jurisdiction.",
		"The submission does not concern an artificial intelligence system.",
		"不属于本委员会受理范围。",
	},
	"withdrawn": {
		"The submitter withdrew the complaint after the respondent changed its practice.",
		"The organisation withdrew its request and will not proceed with the trial.",
		"投诉人撤回投诉。",
	},
	"awaiting_info": {
		"Requested the technical documentation of the model from the respondent.",
		"Asked the submitter for the dates of the incidents and copies of the messages.",
	},
}
